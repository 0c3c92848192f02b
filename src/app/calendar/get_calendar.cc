#include "app/calendar/calendars.h"

namespace fuwu::app {

Result<StoredCalendar> get_calendar(store::Executor& ex, const Actor& actor,
                                    std::string_view slug) {
  if (!access::can(actor.principal, "calendar.read")) {
    return Error(ErrorCode::permission_denied, "you may not read calendars");
  }
  auto found = TRY(find_calendar(ex, slug));
  if (!found) return Error(ErrorCode::not_found, "no such calendar");
  return *found;
}

Result<CalendarPage> list_calendars(store::Executor& ex, const Actor& actor, std::int64_t after_id,
                                    int limit) {
  if (!access::can(actor.principal, "calendar.read")) {
    return Error(ErrorCode::permission_denied, "you may not read calendars");
  }
  auto rows = TRY(ex.query("SELECT slug FROM calendars WHERE id > $1 ORDER BY id LIMIT $2",
                           {after_id, std::int64_t{limit + 1}}));
  CalendarPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().row_id;
      break;
    }
    auto c = TRY(find_calendar(ex, r.text(0)));
    if (c) page.items.push_back(std::move(*c));
  }
  return page;
}

}  // namespace fuwu::app
