#include "app/dispatch/dispatch.h"

namespace fuwu::app {

Status book_appointment(store::Executor& ex, const WorkOrder& order, Instant starts_at,
                        Instant ends_at) {
  const std::int64_t engineer = order.ticket.assignee_id;
  Error invalid(ErrorCode::validation_failed, "the appointment slot is not possible");
  if (ends_at <= starts_at) {
    return invalid.with_field("appointment_ends_at", "out_of_range", "after appointment_at");
  }
  if (ends_at - starts_at > Duration::of_hours(24)) {
    return invalid.with_field("appointment_ends_at", "out_of_range", "at most 24 hours long");
  }
  const auto slug = TRY(engineer_calendar_slug(ex, engineer));
  if (!slug) {
    return invalid.with_field("appointment_at", "not_allowed",
                              "the order's engineer is no longer an engineer of a centre");
  }
  const auto cal = TRY(working_calendar(ex, *slug));
  auto working = within_working_time(*cal, starts_at, ends_at);
  if (!working.ok() || !*working) {
    return invalid.with_field("appointment_at", "off_duty",
                              "a slot inside the engineer's working time (calendar " + *slug + ")");
  }
  auto absence = TRY(ex.query_one(
      "SELECT starts_on, ends_on, reason FROM engineer_absences WHERE engineer_id = $1 AND "
      "starts_on <= $3 AND ends_on >= $2 ORDER BY starts_on",
      {engineer, format_date(china_date(starts_at)),
       format_date(china_date(ends_at - Duration::of_seconds(1)))}));
  if (absence) {
    return invalid.with_field("appointment_at", "absent",
                              "the engineer is absent " + absence->text(0) + ".." +
                                  absence->text(1) + " (" + absence->text(2) + ")");
  }
  auto clash = TRY(ex.query_one(
      "SELECT t.number, a.starts_at, a.ends_at FROM appointments a JOIN tickets t ON t.id = "
      "a.work_order_id WHERE a.engineer_id = $1 AND a.work_order_id <> $2 AND a.starts_at < $4 "
      "AND a.ends_at > $3 AND t.state IN ('appointed', 'on_the_way', 'on_site') ORDER BY "
      "a.starts_at",
      {engineer, order.ticket.id, format_rfc3339(starts_at), format_rfc3339(ends_at)}));
  if (clash) {
    return Error(ErrorCode::conflict, "the engineer already has an appointment then")
        .with_field("appointment_at", "overlaps",
                    clash->text(0) + " " + clash->text(1) + "/" + clash->text(2));
  }
  TRY_VOID(ex.exec(
      "INSERT INTO appointments (work_order_id, engineer_id, starts_at, ends_at, created_at) "
      "VALUES ($1, $2, $3, $4, $3) ON CONFLICT (work_order_id) DO UPDATE SET engineer_id = "
      "excluded.engineer_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at",
      {order.ticket.id, engineer, format_rfc3339(starts_at), format_rfc3339(ends_at)}));
  return {};
}

}  // namespace fuwu::app
