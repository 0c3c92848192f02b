#include "app/platform/outbox.h"
#include "app/tickets/relations.h"

namespace fuwu::app {

Status announce_major_incident(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t ticket_id) {
  return emit_event(ex, actor, now, "ticket.major_declared", "ticket", ticket_id,
                    "{\"notify\":[\"managers\",\"group\"],\"review_required\":true}");
}

}  // namespace fuwu::app
