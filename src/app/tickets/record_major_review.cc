#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/relations.h"

namespace fuwu::app {

Result<MajorReview> record_major_review(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t ticket_id, const MajorReview& in) {
  const Ticket t = TRY(ticket_for_write(ex, actor, ticket_id, std::nullopt));
  if (!t.major) return Error(ErrorCode::conflict, "only a major incident has a review");
  if (in.summary.empty()) {
    return Error(ErrorCode::validation_failed, "the review needs a summary")
        .with_field("summary", "required", "what happened and how it was resolved");
  }
  auto old = TRY(ex.query_one(
      "SELECT summary, root_cause, actions FROM major_incident_reviews WHERE ticket_id = $1",
      {ticket_id}));
  TRY_VOID(ex.exec("DELETE FROM major_incident_reviews WHERE ticket_id = $1", {ticket_id}));
  TRY_VOID(ex.exec(
      "INSERT INTO major_incident_reviews (ticket_id, summary, root_cause, actions, reviewed_by, "
      "reviewed_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {ticket_id, in.summary, in.root_cause, in.actions,
       actor.principal.user_id ? store::Value(actor.principal.user_id)
                               : store::Value(store::Null{}),
       format_rfc3339(now)}));
  ChangeSet changes;
  changes.add("summary", old ? old->opt_text(0) : std::nullopt, in.summary);
  changes.add("root_cause", old ? old->opt_text(1) : std::nullopt, in.root_cause);
  changes.add("actions", old ? old->opt_text(2) : std::nullopt, in.actions);
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "major_review", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "ticket.major_reviewed", "ticket", ticket_id));
  return MajorReview{ticket_id, in.summary, in.root_cause, in.actions, actor.principal.user_id,
                     now};
}

}  // namespace fuwu::app
