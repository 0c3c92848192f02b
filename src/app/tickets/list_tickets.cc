#include "app/tickets/ticket.h"

namespace fuwu::app {

Result<TicketPage> list_tickets(store::Executor& ex, const Actor& actor, const TicketFilter& f,
                                std::int64_t before_id, int limit) {
  const auto& p = actor.principal;
  const auto scope = access::scope_for(p, "ticket.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read tickets");
  std::string sql = ticket_select() + " WHERE id < $1";
  std::vector<store::Value> params{before_id > 0 ? before_id : INT64_MAX, std::int64_t{limit + 1}};
  auto add = [&](const char* clause, store::Value v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + clause + " $" + std::to_string(params.size());
  };
  // The scope decides the reachable set; filters narrow it further.
  switch (*scope) {
    case access::Scope::all:
      break;
    case access::Scope::organisation:
      params.emplace_back(p.organisation_id);
      params.emplace_back(p.user_id);
      sql += " AND (organisation_id = $" + std::to_string(params.size() - 1) +
             " OR requester_id = $" + std::to_string(params.size()) + ")";
      break;
    case access::Scope::group: {
      std::string groups = "0";
      for (auto g : p.group_ids)
        groups += "," + std::to_string(g);
      params.emplace_back(p.user_id);
      sql += " AND (group_id IN (" + groups + ") OR requester_id = $" +
             std::to_string(params.size()) + ")";
      break;
    }
    case access::Scope::own:
      add("requester_id =", p.user_id);
      break;
  }
  if (f.kind) add("kind =", *f.kind);
  if (f.state) add("state =", *f.state);
  if (f.state_category) add("state_category =", *f.state_category);
  if (f.group_id) add("group_id =", *f.group_id);
  if (f.assignee_id) add("assignee_id =", *f.assignee_id);
  if (f.organisation_id) add("organisation_id =", *f.organisation_id);
  if (f.requester_id) add("requester_id =", *f.requester_id);
  sql += " ORDER BY id DESC LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  TicketPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().id;
      break;
    }
    page.items.push_back(ticket_from_row(r));
  }
  return page;
}

}  // namespace fuwu::app
