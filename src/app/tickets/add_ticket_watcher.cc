#include "app/auth/auth.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/watchers.h"
#include "app/users/user.h"

namespace fuwu::app {

Result<WatcherChange> add_ticket_watcher(store::Executor& ex, const Actor& actor, Instant now,
                                         std::int64_t ticket_id, std::int64_t user_id) {
  const Ticket t = TRY(visible_ticket(ex, actor, ticket_id));
  if (user_id != actor.principal.user_id && !may_manage_watchers(actor, t)) {
    return Error(ErrorCode::permission_denied,
                 "you may only watch or unwatch this record yourself");
  }
  auto user = TRY(find_user_by_id(ex, user_id));
  if (!user || user->disabled) {
    return Error(ErrorCode::validation_failed, "no such active user")
        .with_field("user_id", "not_found", "no active user has this id");
  }
  const auto principal = TRY(load_principal(ex, *user));
  if (!access::may(principal, "ticket.read", ownership(t))) {
    return Error(ErrorCode::validation_failed, "this person may not read the record")
        .with_field("user_id", "no_access", "this person may not read the record");
  }
  WatcherChange out;
  out.watcher = {user->id, user->login, user->display_name, actor.principal.user_id, now};
  auto existing = TRY(ex.query_one(
      "SELECT COALESCE(added_by, 0), added_at FROM ticket_watchers WHERE ticket_id = $1 AND "
      "user_id = $2",
      {ticket_id, user_id}));
  if (existing) {
    out.watcher.added_by = existing->i64(0);
    out.watcher.added_at = parse_rfc3339(existing->text(1)).value_or(Instant{});
    return out;
  }
  TRY_VOID(ex.exec(
      "INSERT INTO ticket_watchers (ticket_id, user_id, added_by, added_at) VALUES ($1, $2, $3, "
      "$4)",
      {ticket_id, user_id,
       actor.principal.user_id ? store::Value(actor.principal.user_id)
                               : store::Value(store::Null{}),
       format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "watcher_added",
                       {{"watcher", std::nullopt, std::to_string(user_id)}}));
  TRY_VOID(emit_event(ex, actor, now, "ticket.watcher_added", "ticket", ticket_id,
                      "{\"user_id\":" + std::to_string(user_id) + "}"));
  out.changed = true;
  return out;
}

}  // namespace fuwu::app
