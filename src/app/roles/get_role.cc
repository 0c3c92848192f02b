#include "app/roles/role.h"

namespace fuwu::app {

Result<Role> get_role(store::Executor& ex, const Actor& actor, std::string_view name) {
  if (!access::can(actor.principal, "role.read")) {
    return Error(ErrorCode::permission_denied, "you may not read roles");
  }
  auto role = TRY(find_role(ex, name));
  if (!role) return Error(ErrorCode::not_found, "no such role");
  return *role;
}

}  // namespace fuwu::app
