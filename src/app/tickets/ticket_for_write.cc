#include "app/tickets/relations.h"

namespace fuwu::app {

Result<Ticket> ticket_for_write(store::Executor& ex, const Actor& actor, std::int64_t ticket_id,
                                std::optional<std::int64_t> expected_version) {
  Ticket t = TRY(visible_ticket(ex, actor, ticket_id));
  if (!access::may(actor.principal, "ticket.write", ownership(t))) {
    return Error(ErrorCode::permission_denied, "you may not change this ticket");
  }
  if (expected_version && t.version != *expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  return t;
}

}  // namespace fuwu::app
