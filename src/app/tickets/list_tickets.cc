#include "app/tickets/ticket.h"
#include "app/tickets/ticket_scope.h"

namespace fuwu::app {

Result<TicketPage> list_tickets(store::Executor& ex, const Actor& actor, const TicketFilter& f,
                                std::int64_t before_id, int limit) {
  std::vector<store::Value> params{before_id > 0 ? before_id : INT64_MAX, std::int64_t{limit + 1}};
  // The scope decides the reachable set; filters narrow it further.
  const auto scope = TRY(ticket_read_scope(actor.principal, "", params));
  std::string sql = ticket_select() + " WHERE id < $1";
  if (!scope.condition.empty()) sql += " AND " + scope.condition;
  sql += ticket_filter_sql(f, "", params);
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
