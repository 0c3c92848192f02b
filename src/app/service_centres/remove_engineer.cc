#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<ServiceCentre> remove_engineer(store::Executor& ex, const Actor& actor, Instant now,
                                      std::int64_t centre_id, std::int64_t user_id) {
  TRY_VOID(get_service_centre(ex, actor, centre_id));
  if (!access::can(actor.principal, "service_centre.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the service network");
  }
  const auto engineer = TRY(find_engineer(ex, user_id));
  if (!engineer || engineer->service_centre_id != centre_id) {
    return Error(ErrorCode::not_found, "no such engineer at this service centre");
  }
  TRY_VOID(ex.exec("DELETE FROM engineers WHERE user_id = $1", {user_id}));
  TRY_VOID(
      ex.exec("UPDATE service_centres SET version = version + 1, updated_at = $2 WHERE id = $1",
              {centre_id, format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "service_centre", centre_id, "remove_engineer",
                       {{"engineer", std::to_string(user_id), std::nullopt},
                        {"skills", join_list(engineer->skills), std::nullopt}}));
  TRY_VOID(emit_event(ex, actor, now, "service_centre.updated", "service_centre", centre_id));
  auto reloaded = TRY(find_service_centre(ex, centre_id));
  return *reloaded;
}

}  // namespace fuwu::app
