#include "app/calendar/calendars.h"

namespace fuwu::app {

Result<StoredCalendar> copy_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                     std::string_view from, std::string new_slug,
                                     std::string name_zh, std::string name_en) {
  auto source = TRY(get_calendar(ex, actor, from));
  calendar::CalendarSpec spec = std::move(source.spec);
  spec.id = std::move(new_slug);
  if (!name_zh.empty()) spec.name_zh = std::move(name_zh);
  if (!name_en.empty()) spec.name_en = std::move(name_en);
  return create_calendar(ex, actor, now, std::move(spec));
}

}  // namespace fuwu::app
