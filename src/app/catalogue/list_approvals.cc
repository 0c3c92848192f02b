#include <algorithm>

#include "app/catalogue/catalogue.h"

namespace fuwu::app {

Result<std::vector<Approval>> list_approvals(store::Executor& ex, const Actor& actor,
                                             std::int64_t ticket_id) {
  auto approvals = TRY(load_approvals(ex, ticket_id));
  const bool approver = actor.principal.user_id != 0 &&
                        std::any_of(approvals.begin(), approvals.end(), [&](const Approval& a) {
                          return a.approver_id == actor.principal.user_id;
                        });
  if (!approver) TRY_VOID(visible_ticket(ex, actor, ticket_id));
  return approvals;
}

Result<std::vector<Approval>> list_my_approvals(store::Executor& ex, const Actor& actor,
                                                std::string_view state, int limit) {
  std::vector<Approval> out;
  if (actor.principal.user_id == 0) return out;
  // By effective state: open approvals of a request decided by hand read as cancelled (see
  // load_approvals). With no state asked for, "<> ''" excludes nothing.
  std::string condition = " AND a.state = $2";
  if (state.empty()) {
    condition = " AND a.state <> $2";
  } else if (state == "pending" || state == "waiting") {
    condition += " AND t.state = 'awaiting_approval'";
  } else if (state == "cancelled") {
    condition =
        " AND (a.state = $2 OR (a.state IN ('pending', 'waiting') AND t.state <> "
        "'awaiting_approval'))";
  }
  const std::string sql =
      "SELECT DISTINCT a.ticket_id FROM ticket_approvals a JOIN tickets t ON t.id = a.ticket_id "
      "WHERE a.approver_id = $1" +
      condition + " ORDER BY a.ticket_id DESC LIMIT $3";
  auto rows =
      TRY(ex.query(sql, {actor.principal.user_id, std::string(state), std::int64_t{limit}}));
  for (const auto& r : rows) {
    for (auto& a : TRY(load_approvals(ex, r.i64(0)))) {
      if (a.approver_id == actor.principal.user_id && (state.empty() || a.state == state)) {
        out.push_back(std::move(a));
      }
    }
  }
  return out;
}

}  // namespace fuwu::app
