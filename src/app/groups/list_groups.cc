#include "app/groups/group.h"

namespace fuwu::app {

Result<GroupPage> list_groups(store::Executor& ex, const Actor& actor, std::int64_t after_id,
                              int limit, std::optional<int> line) {
  const auto scope = access::scope_for(actor.principal, "group.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read groups");
  std::string sql = group_select() + " WHERE id > $1";
  std::vector<store::Value> params{after_id, std::int64_t{limit + 1}};
  auto param = [&](store::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  switch (*scope) {
    case access::Scope::all:
      break;
    case access::Scope::organisation:
      sql += " AND organisation_id = " + param(actor.principal.organisation_id);
      break;
    case access::Scope::group:
      sql += " AND id IN (SELECT group_id FROM group_members WHERE user_id = " +
             param(actor.principal.user_id) + ")";
      break;
    case access::Scope::own:
      sql += " AND 1 = 0";
      break;
  }
  if (line) sql += " AND line = " + param(std::int64_t{*line});
  sql += " ORDER BY id LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  GroupPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    page.items.push_back(group_from_row(r));
  }
  return page;
}

}  // namespace fuwu::app
