// Parsers for the files an administrator imports into a calendar: the shipped JSON format and
// iCalendar. Both produce calendar::ImportData, applied with calendar::apply_import.
#pragma once

#include <string_view>

#include "base/result.h"
#include "domain/calendar/import.h"

namespace fuwu::calendar {

// The JSON format of data/cn-holidays-*.json:
//   { "2025": { "holidays": [ {"name": "春节", "name_en": "Spring Festival",
//                              "from": "2025-01-28", "to": "2025-02-04"} ],
//               "workdays": ["2025-01-26"], "notice": {"title": …, "doc_no": …} } }
// `from`/`to` are inclusive. Each workday becomes a make-up day with `works_as` (Monday by
// default), named after the nearest holiday. Fails with invalid_request for malformed JSON and
// validation_failed (with field paths) for bad values.
Result<ImportData> parse_holiday_json(std::string_view text, int works_as = 0);

// iCalendar (RFC 5545): every VEVENT with DTSTART (and optionally DTEND, exclusive) as a DATE
// (VALUE=DATE or 8 digits). An event is a make-up working day when its SUMMARY or CATEGORIES
// contain 班 (上班, 补班, 调休上班) or, ignoring case, "workday", "working day" or "make-up"; every
// other event is a holiday named by its SUMMARY. Events with date-times are rejected
// (validation_failed): a holiday is a whole civil date.
Result<ImportData> parse_ics(std::string_view text, int works_as = 0);

// Chooses the parser by the text: "BEGIN:VCALENDAR" means iCalendar, anything else JSON.
Result<ImportData> parse_import(std::string_view text, int works_as = 0);

}  // namespace fuwu::calendar
