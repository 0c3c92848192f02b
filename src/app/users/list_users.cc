#include "app/users/user.h"
#include "store/like.h"

namespace fuwu::app {

Result<UserPage> list_users(store::Executor& ex, const Actor& actor, const UserFilter& filter,
                            std::int64_t after_id, int limit) {
  const auto scope = access::scope_for(actor.principal, "user.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not list people");
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE id > $1";
  std::vector<store::Value> params{after_id, std::int64_t{limit + 1}};
  auto param = [&](store::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (*scope != access::Scope::all) {
    // Narrower scopes see their own organisation's people, or only themselves.
    const std::int64_t org =
        *scope >= access::Scope::organisation ? actor.principal.organisation_id : 0;
    sql += " AND (id = " + param(actor.principal.user_id);
    if (org != 0) sql += " OR organisation_id = " + param(org);
    sql += ")";
  }
  if (filter.organisation_id) sql += " AND organisation_id = " + param(*filter.organisation_id);
  if (filter.role) sql += " AND role = " + param(*filter.role);
  if (filter.kind) sql += " AND kind = " + param(*filter.kind);
  if (filter.q && !filter.q->empty()) {
    const std::string p = param(store::contains_pattern(*filter.q));
    sql += " AND (lower(login) LIKE lower(" + p +
           ") ESCAPE '\\' OR lower(display_name) LIKE lower(" + p +
           ") ESCAPE '\\' OR lower(COALESCE(email, '')) LIKE lower(" + p + ") ESCAPE '\\')";
  }
  sql += " ORDER BY id LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  UserPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    page.items.push_back(user_from_row(r));
  }
  return page;
}

Result<std::vector<User>> list_users(Services& s, const Actor& actor, std::int64_t after_id,
                                     int limit) {
  UserPage page;
  TRY_VOID(s.db.read([&](store::Executor& ex) -> Status {
    page = TRY(list_users(ex, actor, UserFilter{}, after_id, limit));
    return {};
  }));
  return std::move(page.items);
}

}  // namespace fuwu::app
