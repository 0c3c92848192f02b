#include "domain/calendar/import.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace fuwu::calendar {
namespace {

std::string holiday_text(const Holiday& h) {
  return "holiday " + h.name_zh + (h.name_en.empty() ? "" : " (" + h.name_en + ")") + " " +
         format_date(h.from) + ".." + format_date(h.to);
}

std::string makeup_text(const MakeupDay& m) {
  static constexpr const char* kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
  return "make-up working day " + format_date(m.date) + " (hours of " +
         kDays[static_cast<std::size_t>(m.works_as)] + ")" + (m.name.empty() ? "" : " " + m.name);
}

std::set<std::string> lines_of_year(const CalendarSpec& spec, int year) {
  std::set<std::string> out;
  for (const Holiday& h : spec.holidays)
    if (h.from.year == year) out.insert(holiday_text(h));
  for (const MakeupDay& m : spec.makeup_days)
    if (m.date.year == year) out.insert(makeup_text(m));
  return out;
}

std::set<std::string> lines_of_import(const YearExceptions& y) {
  std::set<std::string> out;
  for (const Holiday& h : y.holidays)
    out.insert(holiday_text(h));
  for (const MakeupDay& m : y.makeup_days)
    out.insert(makeup_text(m));
  return out;
}

}  // namespace

std::vector<DiffLine> diff_import(const CalendarSpec& current, const ImportData& incoming) {
  std::vector<DiffLine> out;
  for (const YearExceptions& y : incoming.years) {
    std::set<std::string> before = lines_of_year(current, y.year);
    std::set<std::string> after = lines_of_import(y);
    for (const std::string& l : before)
      if (!after.count(l)) out.push_back({DiffLine::Change::removed, y.year, l});
    for (const std::string& l : after)
      if (!before.count(l)) out.push_back({DiffLine::Change::added, y.year, l});
    if (y.year < current.first_year || y.year > current.last_year)
      out.push_back({DiffLine::Change::coverage, y.year,
                     "covered years become " +
                         std::to_string(std::min(current.first_year, y.year)) + ".." +
                         std::to_string(std::max(current.last_year, y.year))});
  }
  return out;
}

Result<CalendarSpec> apply_import(CalendarSpec spec, const ImportData& incoming) {
  for (const YearExceptions& y : incoming.years) {
    std::erase_if(spec.holidays, [&](const Holiday& h) { return h.from.year == y.year; });
    std::erase_if(spec.makeup_days, [&](const MakeupDay& m) { return m.date.year == y.year; });
    spec.holidays.insert(spec.holidays.end(), y.holidays.begin(), y.holidays.end());
    spec.makeup_days.insert(spec.makeup_days.end(), y.makeup_days.begin(), y.makeup_days.end());
    spec.first_year = std::min(spec.first_year, y.year);
    spec.last_year = std::max(spec.last_year, y.year);
  }
  std::sort(spec.holidays.begin(), spec.holidays.end(),
            [](const Holiday& a, const Holiday& b) { return a.from < b.from; });
  std::sort(spec.makeup_days.begin(), spec.makeup_days.end(),
            [](const MakeupDay& a, const MakeupDay& b) { return a.date < b.date; });
  ++spec.revision;
  TRY_VOID(validate(spec));
  return spec;
}

void name_makeup_days(YearExceptions& year) {
  for (MakeupDay& m : year.makeup_days) {
    if (!m.name.empty() || year.holidays.empty()) continue;
    std::int64_t day = days_from_civil(m.date);
    const Holiday* nearest = nullptr;
    std::int64_t best = 0;
    for (const Holiday& h : year.holidays) {
      std::int64_t dist = std::min(std::llabs(day - days_from_civil(h.from)),
                                   std::llabs(day - days_from_civil(h.to)));
      if (!nearest || dist < best) {
        nearest = &h;
        best = dist;
      }
    }
    m.name = nearest->name_zh + "调休上班";
  }
}

}  // namespace fuwu::calendar
