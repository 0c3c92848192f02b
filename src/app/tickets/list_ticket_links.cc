#include "app/tickets/relations.h"

namespace fuwu::app {

Result<std::vector<TicketLink>> list_ticket_links(store::Executor& ex, const Actor& actor,
                                                  std::int64_t ticket_id) {
  TRY_VOID(visible_ticket(ex, actor, ticket_id));
  auto rows = TRY(
      ex.query("SELECT l.id, l.kind, l.source_id, l.target_id, l.created_at FROM ticket_links l "
               "WHERE l.source_id = $1 OR l.target_id = $1 ORDER BY l.id",
               {ticket_id}));
  std::vector<TicketLink> out;
  for (const auto& r : rows) {
    const bool from_source = r.i64(2) == ticket_id;
    const std::int64_t other_id = from_source ? r.i64(3) : r.i64(2);
    // A linked record the actor may not see is not revealed, not even by its id.
    auto other = visible_ticket(ex, actor, other_id);
    if (!other.ok()) {
      if (other.error().code == ErrorCode::not_found) continue;
      return other.error();
    }
    const auto kind = ticket::parse_link_kind(r.text(1)).value_or(ticket::LinkKind::relates_to);
    out.push_back({r.i64(0), &ticket::link_name(kind, from_source), other_id, other->number,
                   other->title, other->kind, other->state,
                   parse_rfc3339(r.text(4)).value_or(Instant{})});
  }
  return out;
}

}  // namespace fuwu::app
