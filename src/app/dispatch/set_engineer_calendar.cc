#include "app/calendar/calendars.h"
#include "app/dispatch/dispatch.h"
#include "app/platform/audit.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<EngineerSchedule> set_engineer_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                               std::int64_t centre_id, std::int64_t engineer_id,
                                               const std::string& calendar) {
  if (!access::can(actor.principal, "engineer.schedule")) {
    return Error(ErrorCode::permission_denied, "you may not change engineers' schedules");
  }
  auto engineer = TRY(find_engineer(ex, engineer_id));
  if (!engineer || engineer->service_centre_id != centre_id) {
    return Error(ErrorCode::not_found, "no such engineer of this service centre");
  }
  if (!calendar.empty() && !TRY(find_calendar(ex, calendar))) {
    return Error(ErrorCode::validation_failed, "no such calendar")
        .with_field("calendar", "not_found", "the slug of an existing calendar, or null");
  }
  const auto before = TRY(engineer_calendar_slug(ex, engineer_id)).value_or("");
  if (calendar.empty()) {
    TRY_VOID(ex.exec("DELETE FROM engineer_calendars WHERE engineer_id = $1", {engineer_id}));
  } else {
    TRY_VOID(ex.exec(
        "INSERT INTO engineer_calendars (engineer_id, calendar, updated_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (engineer_id) DO UPDATE SET calendar = excluded.calendar, updated_at = "
        "excluded.updated_at",
        {engineer_id, calendar, format_rfc3339(now)}));
  }
  const auto after = TRY(engineer_calendar_slug(ex, engineer_id)).value_or("");
  TRY_VOID(write_audit(
      ex, actor, now, "service_centre", centre_id, "engineer_calendar",
      {{"engineer_id", std::nullopt, std::to_string(engineer_id)}, {"calendar", before, after}}));
  return get_engineer_schedule(ex, actor, centre_id, engineer_id, now);
}

}  // namespace fuwu::app
