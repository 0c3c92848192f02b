#include "app/dispatch/dispatch.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<EngineerSchedule> get_engineer_schedule(store::Executor& ex, const Actor& actor,
                                               std::int64_t centre_id, std::int64_t engineer_id,
                                               Instant from) {
  if (!access::can(actor.principal, "service_centre.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the service network");
  }
  auto engineer = TRY(find_engineer(ex, engineer_id));
  if (!engineer || engineer->service_centre_id != centre_id) {
    return Error(ErrorCode::not_found, "no such engineer of this service centre");
  }
  EngineerSchedule out;
  out.engineer_id = engineer_id;
  out.service_centre_id = centre_id;
  auto own = TRY(ex.query_one("SELECT calendar FROM engineer_calendars WHERE engineer_id = $1",
                              {engineer_id}));
  out.own_calendar = own.has_value();
  out.calendar = TRY(engineer_calendar_slug(ex, engineer_id)).value_or("");
  const std::string from_date = format_date(china_date(from));
  auto absences =
      TRY(ex.query("SELECT id, starts_on, ends_on, reason, created_at FROM engineer_absences WHERE "
                   "engineer_id = $1 AND ends_on >= $2 ORDER BY starts_on, id",
                   {engineer_id, from_date}));
  for (const auto& r : absences) {
    out.absences.push_back({.id = r.i64(0),
                            .engineer_id = engineer_id,
                            .starts_on = parse_date(r.text(1)).value_or(Date{}),
                            .ends_on = parse_date(r.text(2)).value_or(Date{}),
                            .reason = r.text(3),
                            .created_at = parse_rfc3339(r.text(4)).value_or(Instant{})});
  }
  auto slots = TRY(ex.query(
      "SELECT a.work_order_id, t.number, a.starts_at, a.ends_at FROM appointments a JOIN tickets "
      "t ON t.id = a.work_order_id WHERE a.engineer_id = $1 AND a.ends_at > $2 AND t.state IN "
      "('appointed', 'on_the_way', 'on_site') ORDER BY a.starts_at",
      {engineer_id, format_rfc3339(from)}));
  for (const auto& r : slots) {
    out.appointments.push_back({.work_order_id = r.i64(0),
                                .number = r.text(1),
                                .engineer_id = engineer_id,
                                .starts_at = parse_rfc3339(r.text(2)).value_or(Instant{}),
                                .ends_at = parse_rfc3339(r.text(3)).value_or(Instant{})});
  }
  return out;
}

}  // namespace fuwu::app
