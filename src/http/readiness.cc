// /readyz warnings: a working calendar whose imported holidays end within 60 days.
#include "app/calendar/calendars.h"
#include "http/openapi.h"

namespace fuwu::http {

std::vector<std::string> readiness_warnings(app::Services& services) {
  std::vector<std::string> warnings;
  std::vector<app::StoredCalendar> calendars;
  auto st = services.db.read([&](store::Executor& ex) -> Status {
    calendars = TRY(app::all_calendars(ex));
    return {};
  });
  if (!st.ok()) return warnings;  // the database check of /readyz reports the outage itself
  const Instant now = services.clock.now();
  for (const auto& stored : calendars) {
    if (stored.spec.kind == calendar::CalendarKind::always_working) continue;
    auto cal = app::build_calendar(stored.spec);
    if (!cal.ok()) {
      warnings.push_back("calendar " + stored.spec.id + " cannot be used: " + cal.error().message);
      continue;
    }
    const auto days = calendar::days_until_coverage_ends(**cal, now, 60);
    if (!days) continue;
    const std::string next = std::to_string(stored.spec.last_year + 1);
    warnings.push_back("calendar " + stored.spec.id + ": holidays are imported up to " +
                       std::to_string(stored.spec.last_year) +
                       (*days > 0 ? ", " + std::to_string(*days) + " days left"
                                  : "; later dates use the weekly pattern only") +
                       " — import " + next + "'s holiday notice (POST /api/v1/calendars/" +
                       stored.spec.id + "/import or fuwu calendar import --db)");
  }
  return warnings;
}

}  // namespace fuwu::http
