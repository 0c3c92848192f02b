#include "app/roles/role.h"

namespace fuwu::app {

Result<std::vector<Role>> list_roles(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "role.read")) {
    return Error(ErrorCode::permission_denied, "you may not read roles");
  }
  // Few rows (a handful of built-in roles and some custom ones): no pagination.
  auto names = TRY(ex.query("SELECT name FROM roles ORDER BY builtin DESC, id"));
  std::vector<Role> out;
  for (const auto& n : names) {
    auto role = TRY(find_role(ex, n.text(0)));
    if (role) out.push_back(std::move(*role));
  }
  return out;
}

}  // namespace fuwu::app
