#include <algorithm>

#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<WorkOrderPage> list_work_orders(store::Executor& ex, const Actor& actor,
                                       const WorkOrderFilter& f, std::int64_t before_id,
                                       int limit) {
  const auto scope = access::scope_for(actor.principal, "work_order.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read work orders");
  std::string sql =
      std::string(
          "SELECT t.id FROM tickets t JOIN work_orders w ON w.ticket_id = t.id WHERE t.id ") +
      (f.oldest_first ? "> $1" : "< $1");
  const std::int64_t from = f.oldest_first ? std::max<std::int64_t>(before_id, 0)
                                           : (before_id > 0 ? before_id : INT64_MAX);
  std::vector<store::Value> params{from, std::int64_t{limit + 1}};
  auto add = [&](const char* column, store::Value v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.state) add("t.state", *f.state);
  if (f.engineer_id) add("t.assignee_id", *f.engineer_id);
  if (f.service_centre_id) add("w.service_centre_id", *f.service_centre_id);
  if (f.unit_id) add("w.unit_id", *f.unit_id);
  if (f.organisation_id) add("t.organisation_id", *f.organisation_id);
  if (f.wo_kind) add("w.wo_kind", *f.wo_kind);
  if (f.due_before) {
    params.emplace_back(*f.due_before);
    sql += " AND t.state_category IN ('new', 'open', 'pending') AND t.sla_due_at < $" +
           std::to_string(params.size());
  }
  // Narrow in SQL what the scope reaches; may() below has the last word.
  if (*scope == access::Scope::organisation)
    add("t.organisation_id", actor.principal.organisation_id);
  if (*scope == access::Scope::own) add("t.assignee_id", actor.principal.user_id);
  sql += f.oldest_first ? " ORDER BY t.id LIMIT $2" : " ORDER BY t.id DESC LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  WorkOrderPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().ticket.id;
      break;
    }
    auto w = TRY(find_work_order(ex, r.i64(0)));
    if (!w || !access::may(actor.principal, "work_order.read", work_order_ownership(w->ticket))) {
      continue;
    }
    page.items.push_back(std::move(*w));
  }
  return page;
}

}  // namespace fuwu::app
