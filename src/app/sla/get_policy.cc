#include "app/sla/policies.h"

namespace fuwu::app {

Result<StoredPolicy> get_policy(store::Executor& ex, const Actor& actor, std::string_view slug) {
  if (!access::can(actor.principal, "sla.read")) {
    return Error(ErrorCode::permission_denied, "you may not read SLA policies");
  }
  auto found = TRY(find_policy(ex, slug));
  if (!found) return Error(ErrorCode::not_found, "no such SLA policy");
  return *found;
}

Result<std::vector<StoredPolicy>> list_policies(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "sla.read")) {
    return Error(ErrorCode::permission_denied, "you may not read SLA policies");
  }
  return all_policies(ex);
}

}  // namespace fuwu::app
