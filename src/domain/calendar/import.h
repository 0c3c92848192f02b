// Yearly import of holidays and make-up working days into a calendar, and its dry-run diff.
//
// An import names whole years. Applying it replaces, for each imported year, every holiday that
// starts in that year and every make-up day in that year, and widens the calendar's covered range
// to include the year; weekly segments and special days are left alone. The parsers for the file
// formats (the shipped JSON, iCalendar) live in app/calendar; this part is pure.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "domain/calendar/calendar.h"

namespace fuwu::calendar {

struct YearExceptions {
  int year = 0;
  std::vector<Holiday> holidays;
  std::vector<MakeupDay> makeup_days;
  std::string source;  // e.g. the notice's title and document number, for the diff
};

struct ImportData {
  std::vector<YearExceptions> years;  // ascending, each year at most once
};

struct DiffLine {
  enum class Change : std::uint8_t { added, removed, coverage };
  Change change = Change::added;
  int year = 0;
  std::string text;  // "holiday 国庆节 National Day 2026-10-01..2026-10-07"
};

// What apply_import would change, line by line; empty when the import changes nothing.
std::vector<DiffLine> diff_import(const CalendarSpec& current, const ImportData& incoming);
// The spec after the import. Fails with validation_failed when the result is not a valid spec
// (e.g. a make-up day inside a holiday).
Result<CalendarSpec> apply_import(CalendarSpec current, const ImportData& incoming);

// Names each make-up day after the nearest holiday of its year ("春节调休上班"), so that
// explanations say why a weekend works. Days that already have a name keep it.
void name_makeup_days(YearExceptions& year);

}  // namespace fuwu::calendar
