#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/relations.h"

namespace fuwu::app {
namespace {

Error bad_other(std::string code, std::string message) {
  return Error(ErrorCode::validation_failed, "the link is not valid")
      .with_field("ticket_id", std::move(code), std::move(message));
}

}  // namespace

Result<TicketLink> link_tickets(store::Executor& ex, const Actor& actor, Instant now,
                                std::int64_t ticket_id, std::string_view name,
                                std::int64_t other_id) {
  const Ticket t = TRY(ticket_for_write(ex, actor, ticket_id, std::nullopt));
  const ticket::LinkName* n = ticket::find_link_name(name);
  if (!n) {
    return Error(ErrorCode::validation_failed, "unknown link kind")
        .with_field("kind", "not_allowed",
                    "parent_of, child_of, relates_to, duplicate_of, duplicated_by, caused_by or "
                    "causes");
  }
  if (other_id == ticket_id) return bad_other("self_link", "a record cannot link to itself");
  // A record out of reach is reported exactly like one that does not exist.
  auto other = visible_ticket(ex, actor, other_id);
  if (!other.ok()) {
    if (other.error().code == ErrorCode::not_found) return bad_other("not_found", "no such ticket");
    return other.error();
  }
  const std::int64_t source = n->from_source ? ticket_id : other_id;
  const std::int64_t target = n->from_source ? other_id : ticket_id;
  const std::string kind(ticket::link_kind_name(n->kind));
  // relates_to is symmetric: one link whichever end created it.
  auto existing = TRY(ex.query_one(
      "SELECT id FROM ticket_links WHERE kind = $1 AND ((source_id = $2 AND target_id = $3) OR "
      "(source_id = $3 AND target_id = $2 AND kind = 'relates_to'))",
      {kind, source, target}));
  if (existing) return Error(ErrorCode::conflict, "these records are already linked so");
  if (n->kind == ticket::LinkKind::parent_of) {
    auto parent = TRY(ex.query_one(
        "SELECT source_id FROM ticket_links WHERE kind = 'parent_of' AND target_id = $1",
        {target}));
    if (parent) {
      return bad_other("has_parent", "the child already has a parent; unlink it first");
    }
    // The parent must not descend from the child.
    if (TRY(is_parent_ancestor(ex, target, source))) {
      return bad_other("cycle", "that would make a record its own ancestor");
    }
  }
  auto rows = TRY(ex.query(
      "INSERT INTO ticket_links (kind, source_id, target_id, created_by, created_at) VALUES ($1, "
      "$2, $3, $4, $5) RETURNING id",
      {kind, source, target,
       actor.principal.user_id ? store::Value(actor.principal.user_id)
                               : store::Value(store::Null{}),
       format_rfc3339(now)}));
  const std::int64_t link_id = rows.at(0).i64(0);
  const ticket::LinkName& back = ticket::link_name(n->kind, !n->from_source);
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "link_added",
                       {{std::string(n->name), std::nullopt, std::to_string(other_id)}}));
  TRY_VOID(write_audit(ex, actor, now, "ticket", other_id, "link_added",
                       {{std::string(back.name), std::nullopt, std::to_string(ticket_id)}}));
  TRY_VOID(emit_event(ex, actor, now, "ticket.linked", "ticket", ticket_id,
                      "{\"link_id\":" + std::to_string(link_id) + ",\"kind\":\"" + kind +
                          "\",\"source_id\":" + std::to_string(source) +
                          ",\"target_id\":" + std::to_string(target) + "}"));
  return TicketLink{link_id,      n,           other_id,     other->number,
                    other->title, other->kind, other->state, now};
}

}  // namespace fuwu::app
