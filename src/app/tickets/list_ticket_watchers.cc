#include "app/tickets/watchers.h"

namespace fuwu::app {

bool may_manage_watchers(const Actor& actor, const Ticket& t) {
  return access::may(actor.principal, "ticket.write", ownership(t));
}

Result<std::vector<std::int64_t>> ticket_watcher_ids(store::Executor& ex, std::int64_t ticket_id) {
  auto rows = TRY(ex.query(
      "SELECT user_id FROM ticket_watchers WHERE ticket_id = $1 ORDER BY user_id", {ticket_id}));
  std::vector<std::int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back(r.i64(0));
  return out;
}

Result<std::vector<TicketWatcher>> list_ticket_watchers(store::Executor& ex, const Actor& actor,
                                                        std::int64_t ticket_id) {
  TRY_VOID(visible_ticket(ex, actor, ticket_id));
  auto rows = TRY(ex.query(
      "SELECT w.user_id, u.login, u.display_name, COALESCE(w.added_by, 0), w.added_at FROM "
      "ticket_watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = $1 ORDER BY "
      "w.added_at, w.user_id",
      {ticket_id}));
  std::vector<TicketWatcher> out;
  for (const auto& r : rows) {
    out.push_back(
        {r.i64(0), r.text(1), r.text(2), r.i64(3), parse_rfc3339(r.text(4)).value_or(Instant{})});
  }
  return out;
}

}  // namespace fuwu::app
