#include "app/auth/auth.h"

namespace fuwu::app {

Result<std::vector<access::Grant>> load_role_grants(store::Executor& ex, std::string_view role) {
  auto rows = TRY(
      ex.query("SELECT permission, scope FROM role_grants WHERE role = $1", {std::string(role)}));
  std::vector<access::Grant> grants;
  grants.reserve(rows.size());
  for (const auto& g : rows) {
    grants.push_back({g.text(0), access::parse_scope(g.text(1)).value_or(access::Scope::own)});
  }
  return grants;
}

Result<access::Principal> load_principal(store::Executor& ex, const User& user,
                                         const std::vector<access::Grant>& role_grants) {
  access::Principal p;
  p.user_id = user.id;
  p.login = user.login;
  p.role = user.role;
  p.organisation_id = user.organisation_id;
  p.grants = role_grants;
  auto groups = TRY(ex.query("SELECT group_id FROM group_members WHERE user_id = $1", {user.id}));
  for (const auto& g : groups)
    p.group_ids.push_back(g.i64(0));
  return p;
}

Result<access::Principal> load_principal(store::Executor& ex, const User& user) {
  return load_principal(ex, user, TRY(load_role_grants(ex, user.role)));
}

}  // namespace fuwu::app
