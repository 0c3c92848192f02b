#include "app/users/user.h"

namespace fuwu::app {

Result<std::vector<User>> list_users(Services& s, const Actor& actor, std::int64_t after_id,
                                     int limit) {
  const auto scope = access::scope_for(actor.principal, "user.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not list users");
  std::vector<User> out;
  TRY_VOID(s.db.read([&](store::Executor& ex) -> Status {
    std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE id > $1";
    std::vector<store::Value> params{after_id, std::int64_t{limit}};
    if (*scope != access::Scope::all) {
      // Narrower scopes see their own organisation's people, or only themselves.
      sql += " AND (id = $3 OR ($4 <> 0 AND organisation_id = $4))";
      params.emplace_back(actor.principal.user_id);
      params.emplace_back(*scope >= access::Scope::organisation ? actor.principal.organisation_id
                                                                : std::int64_t{0});
    }
    sql += " ORDER BY id LIMIT $2";
    auto rows = TRY(ex.query(sql, params));
    for (const auto& r : rows)
      out.push_back(user_from_row(r));
    return {};
  }));
  return out;
}

}  // namespace fuwu::app
