#include "app/auth/auth.h"

namespace fuwu::app {

Result<access::Principal> load_principal(store::Executor& ex, const User& user) {
  access::Principal p;
  p.user_id = user.id;
  p.login = user.login;
  p.role = user.role;
  p.organisation_id = user.organisation_id;
  auto grants =
      TRY(ex.query("SELECT permission, scope FROM role_grants WHERE role = $1", {user.role}));
  for (const auto& g : grants) {
    p.grants.push_back({g.text(0), access::parse_scope(g.text(1)).value_or(access::Scope::own)});
  }
  auto groups = TRY(ex.query("SELECT group_id FROM group_members WHERE user_id = $1", {user.id}));
  for (const auto& g : groups)
    p.group_ids.push_back(g.i64(0));
  return p;
}

}  // namespace fuwu::app
