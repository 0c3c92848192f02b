#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/watchers.h"

namespace fuwu::app {

Status remove_ticket_watcher(store::Executor& ex, const Actor& actor, Instant now,
                             std::int64_t ticket_id, std::int64_t user_id) {
  const Ticket t = TRY(visible_ticket(ex, actor, ticket_id));
  if (user_id != actor.principal.user_id && !may_manage_watchers(actor, t)) {
    return Error(ErrorCode::permission_denied,
                 "you may only watch or unwatch this record yourself");
  }
  auto removed = TRY(ex.query(
      "DELETE FROM ticket_watchers WHERE ticket_id = $1 AND user_id = $2 RETURNING user_id",
      {ticket_id, user_id}));
  if (removed.empty()) return Error(ErrorCode::not_found, "this person is not watching the record");
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "watcher_removed",
                       {{"watcher", std::to_string(user_id), std::nullopt}}));
  TRY_VOID(emit_event(ex, actor, now, "ticket.watcher_removed", "ticket", ticket_id,
                      "{\"user_id\":" + std::to_string(user_id) + "}"));
  return {};
}

}  // namespace fuwu::app
