#include "app/users/user.h"

namespace fuwu::app {

Result<TokenPage> list_own_tokens(store::Executor& ex, const Actor& actor, std::int64_t after_id,
                                  int limit) {
  if (actor.principal.user_id == 0) {
    return Error(ErrorCode::permission_denied, "only a person has API tokens");
  }
  auto rows =
      TRY(ex.query("SELECT id, name, scopes, expires_at, created_at, revoked_at FROM api_tokens "
                   "WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                   {actor.principal.user_id, after_id, std::int64_t{limit + 1}}));
  TokenPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    TokenInfo t;
    t.id = r.i64(0);
    t.name = r.text(1);
    std::string_view scopes = r.text(2);
    while (!scopes.empty()) {
      const auto space = scopes.find(' ');
      if (space != 0) t.scopes.emplace_back(scopes.substr(0, space));
      if (space == std::string_view::npos) break;
      scopes.remove_prefix(space + 1);
    }
    if (!r.is_null(3)) t.expires_at = parse_rfc3339(r.text(3));
    t.created_at = parse_rfc3339(r.text(4)).value_or(Instant{});
    if (!r.is_null(5)) t.revoked_at = parse_rfc3339(r.text(5));
    page.items.push_back(std::move(t));
  }
  return page;
}

}  // namespace fuwu::app
