#include "app/tickets/ticket.h"

namespace fuwu::app {

Result<Ticket> get_ticket(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "ticket.read")) {
    return Error(ErrorCode::permission_denied, "you may not read tickets");
  }
  return visible_ticket(ex, actor, id);
}

}  // namespace fuwu::app
