#include "app/complaints/complaint.h"

namespace fuwu::app {

Result<ComplaintPage> list_complaints(store::Executor& ex, const Actor& actor,
                                      const ComplaintFilter& f, std::int64_t before_id, int limit) {
  const auto scope = access::scope_for(actor.principal, "complaint.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read complaints");
  std::string sql =
      "SELECT t.id FROM tickets t JOIN complaints c ON c.ticket_id = t.id WHERE t.id < $1";
  std::vector<store::Value> params{before_id > 0 ? before_id : INT64_MAX, std::int64_t{limit + 1}};
  auto add = [&](const char* column, store::Value v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.state) add("t.state", *f.state);
  if (f.state_category) add("t.state_category", *f.state_category);
  if (f.organisation_id) add("c.organisation_id", *f.organisation_id);
  if (f.severity) add("c.severity", *f.severity);
  if (f.about) add("c.about", *f.about);
  if (f.work_order_id) add("c.work_order_id", *f.work_order_id);
  if (f.open_only) sql += " AND t.state_category <> 'closed'";
  // Narrow in SQL what the scope reaches; may() below has the last word.
  if (*scope == access::Scope::organisation) {
    add("c.organisation_id", actor.principal.organisation_id);
  }
  if (*scope == access::Scope::own) add("t.requester_id", actor.principal.user_id);
  sql += " ORDER BY t.id DESC LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  ComplaintPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().ticket.id;
      break;
    }
    auto c = TRY(find_complaint(ex, r.i64(0)));
    if (!c || !access::may(actor.principal, "complaint.read", complaint_ownership(*c))) continue;
    page.items.push_back(std::move(*c));
  }
  return page;
}

}  // namespace fuwu::app
