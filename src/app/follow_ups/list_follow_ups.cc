#include "app/follow_ups/follow_up.h"

namespace fuwu::app {

Result<FollowUpPage> list_follow_ups(store::Executor& ex, const Actor& actor,
                                     const FollowUpFilter& f, std::int64_t before_id, int limit) {
  const auto scope = access::scope_for(actor.principal, "follow_up.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read follow-ups");
  std::string sql = "SELECT id FROM follow_ups WHERE id < $1";
  std::vector<store::Value> params{before_id > 0 ? before_id : INT64_MAX, std::int64_t{limit + 1}};
  auto add = [&](const char* column, store::Value v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.state) add("state", *f.state);
  if (f.assignee_id) add("assignee_id", *f.assignee_id);
  if (f.organisation_id) add("organisation_id", *f.organisation_id);
  if (f.source_ticket_id) add("source_ticket_id", *f.source_ticket_id);
  if (*scope == access::Scope::organisation) {
    add("organisation_id", actor.principal.organisation_id);
  }
  if (*scope == access::Scope::own) add("assignee_id", actor.principal.user_id);
  sql += " ORDER BY id DESC LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  FollowUpPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().id;
      break;
    }
    auto item = TRY(find_follow_up(ex, r.i64(0)));
    if (!item || !access::may(actor.principal, "follow_up.read", follow_up_ownership(*item))) {
      continue;
    }
    page.items.push_back(std::move(*item));
  }
  return page;
}

}  // namespace fuwu::app
