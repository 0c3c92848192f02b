#include "app/calendar/shipped_calendars.h"

#include <cassert>

#include "app/calendar/holiday_formats.h"
#include "app/calendar/shipped_data.h"
#include "app/calendar/zone_loader.h"

namespace fuwu::calendar {

CalendarSpec china_mainland_spec() {
  CalendarSpec spec;
  spec.id = std::string(kChinaMainland);
  spec.name_zh = "中国大陆工作日历";
  spec.name_en = "China mainland";
  spec.zone = "Asia/Shanghai";
  for (int w = 0; w < 5; ++w)
    spec.weekly[static_cast<std::size_t>(w)] = {{TimeOfDay::hm(9, 0), TimeOfDay::hm(12, 0)},
                                                {TimeOfDay::hm(13, 0), TimeOfDay::hm(18, 0)}};
  auto data = parse_holiday_json(shipped_cn_holidays_json());
  // The shipped data is checked by scripts/update-holidays and the tests; failing here is a bug.
  assert(data.ok() && !data->years.empty());
  spec.first_year = data->years.front().year;
  spec.last_year = spec.first_year;
  auto applied = apply_import(std::move(spec), *data);
  assert(applied.ok());
  applied->revision = 1;
  return std::move(applied).value();
}

CalendarSpec always_working_spec() {
  CalendarSpec spec;
  spec.id = std::string(k24x7);
  spec.name_zh = "全天候（7×24）";
  spec.name_en = "24x7";
  spec.zone = "UTC";
  spec.kind = CalendarKind::always_working;
  for (auto& day : spec.weekly)
    day = {{TimeOfDay{0}, TimeOfDay{86400}}};
  spec.first_year = 1970;
  spec.last_year = 2400;
  spec.revision = 1;
  return spec;
}

Result<CalendarBook> shipped_calendars() {
  CalendarBook book;
  for (CalendarSpec spec : {china_mainland_spec(), always_working_spec()}) {
    TimeZone zone = TRY(load_zone_or_builtin(spec.zone));
    book.put(TRY(Calendar::create(std::move(spec), std::move(zone))));
  }
  return book;
}

}  // namespace fuwu::calendar
