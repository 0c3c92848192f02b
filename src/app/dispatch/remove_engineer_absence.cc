#include "app/dispatch/dispatch.h"
#include "app/platform/audit.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Status remove_engineer_absence(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t centre_id, std::int64_t engineer_id,
                               std::int64_t absence_id) {
  if (!access::can(actor.principal, "engineer.schedule")) {
    return Error(ErrorCode::permission_denied, "you may not change engineers' schedules");
  }
  auto engineer = TRY(find_engineer(ex, engineer_id));
  auto row =
      TRY(ex.query_one("SELECT starts_on, ends_on, reason FROM engineer_absences WHERE id = $1 AND "
                       "engineer_id = $2",
                       {absence_id, engineer_id}));
  if (!engineer || engineer->service_centre_id != centre_id || !row) {
    return Error(ErrorCode::not_found, "no such absence of this engineer");
  }
  TRY_VOID(ex.exec("DELETE FROM engineer_absences WHERE id = $1", {absence_id}));
  return write_audit(
      ex, actor, now, "service_centre", centre_id, "engineer_absence_removed",
      {{"engineer_id", std::nullopt, std::to_string(engineer_id)},
       {"absence", row->text(0) + ".." + row->text(1) + " " + row->text(2), std::nullopt}});
}

}  // namespace fuwu::app
