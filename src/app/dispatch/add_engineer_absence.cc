#include "app/dispatch/dispatch.h"
#include "app/platform/audit.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<EngineerAbsence> add_engineer_absence(store::Executor& ex, const Actor& actor, Instant now,
                                             std::int64_t centre_id, std::int64_t engineer_id,
                                             const EngineerAbsence& in) {
  if (!access::can(actor.principal, "engineer.schedule")) {
    return Error(ErrorCode::permission_denied, "you may not change engineers' schedules");
  }
  auto engineer = TRY(find_engineer(ex, engineer_id));
  if (!engineer || engineer->service_centre_id != centre_id) {
    return Error(ErrorCode::not_found, "no such engineer of this service centre");
  }
  if (days_from_civil(in.ends_on) < days_from_civil(in.starts_on)) {
    return Error(ErrorCode::validation_failed, "the absence ends before it starts")
        .with_field("ends_on", "out_of_range", "on or after starts_on");
  }
  if (days_from_civil(in.ends_on) - days_from_civil(in.starts_on) > 366) {
    return Error(ErrorCode::validation_failed, "the absence is too long")
        .with_field("ends_on", "out_of_range", "at most a year after starts_on");
  }
  const auto uid = actor.principal.user_id;
  auto rows = TRY(ex.query(
      "INSERT INTO engineer_absences (engineer_id, starts_on, ends_on, reason, created_by, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {engineer_id, format_date(in.starts_on), format_date(in.ends_on), in.reason,
       uid ? store::Value(uid) : store::Value(store::Null{}), format_rfc3339(now)}));
  EngineerAbsence out = in;
  out.id = rows.at(0).i64(0);
  out.engineer_id = engineer_id;
  out.created_at = now;
  TRY_VOID(write_audit(
      ex, actor, now, "service_centre", centre_id, "engineer_absence",
      {{"engineer_id", std::nullopt, std::to_string(engineer_id)},
       {"absence", std::nullopt,
        format_date(in.starts_on) + ".." + format_date(in.ends_on) + " " + in.reason}}));
  return out;
}

}  // namespace fuwu::app
