#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/relations.h"

namespace fuwu::app {

Status unlink_tickets(store::Executor& ex, const Actor& actor, Instant now, std::int64_t ticket_id,
                      std::int64_t link_id) {
  const Ticket t = TRY(visible_ticket(ex, actor, ticket_id));
  auto row = TRY(ex.query_one(
      "SELECT kind, source_id, target_id FROM ticket_links WHERE id = $1 AND (source_id = $2 OR "
      "target_id = $2)",
      {link_id, ticket_id}));
  if (!row) return Error(ErrorCode::not_found, "no such link");
  const bool from_source = row->i64(1) == ticket_id;
  const std::int64_t other_id = from_source ? row->i64(2) : row->i64(1);
  // A link to a record out of reach is not there for the actor.
  auto other = visible_ticket(ex, actor, other_id);
  if (!other.ok()) {
    if (other.error().code == ErrorCode::not_found) {
      return Error(ErrorCode::not_found, "no such link");
    }
    return other.error();
  }
  if (!access::may(actor.principal, "ticket.write", ownership(t))) {
    return Error(ErrorCode::permission_denied, "you may not change this ticket");
  }
  const auto kind = ticket::parse_link_kind(row->text(0)).value_or(ticket::LinkKind::relates_to);
  TRY_VOID(ex.exec("DELETE FROM ticket_links WHERE id = $1", {link_id}));
  const auto& mine = ticket::link_name(kind, from_source);
  const auto& theirs = ticket::link_name(kind, !from_source);
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "link_removed",
                       {{std::string(mine.name), std::to_string(other_id), std::nullopt}}));
  TRY_VOID(write_audit(ex, actor, now, "ticket", other_id, "link_removed",
                       {{std::string(theirs.name), std::to_string(ticket_id), std::nullopt}}));
  TRY_VOID(emit_event(ex, actor, now, "ticket.unlinked", "ticket", ticket_id,
                      "{\"link_id\":" + std::to_string(link_id) + "}"));
  return {};
}

}  // namespace fuwu::app
