#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/tickets/sla_clocks.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

ticket::TransitionContext context_for(const Actor& actor, const Ticket& t,
                                      const access::RecordOwnership& owner) {
  return {[&actor, owner](std::string_view permission) {
            return access::may(actor.principal, permission, owner);
          },
          [&t](std::string_view field) {
            if (field == "assignee_id") return t.assignee_id != 0;
            if (field == "group_id") return t.group_id != 0;
            if (field == "resolution") return !t.resolution.empty();
            if (field == "resolution_code") return !t.resolution_code.empty();
            if (field == "service") return !t.service.empty();
            if (field == "organisation_id") return t.organisation_id != 0;
            if (field == "requester_id") return t.requester_id != 0;
            return false;
          }};
}

}  // namespace

Result<std::vector<const ticket::TransitionDef*>> available_transitions(store::Executor& ex,
                                                                        const Actor& actor,
                                                                        std::int64_t id) {
  const Ticket t = TRY(visible_ticket(ex, actor, id));
  const KindInfo* kind = TRY(kind_info(t.kind));
  return ticket::allowed_transitions(kind->lifecycle, t.state, context_for(actor, t, ownership(t)));
}

Result<Ticket> transition_ticket(store::Executor& ex, const Actor& actor, Instant now,
                                 std::int64_t id, std::int64_t expected_version,
                                 const TransitionRequest& req) {
  const Ticket t = TRY(visible_ticket(ex, actor, id));
  return apply_ticket_transition(ex, actor, now, t, expected_version, req, ownership(t));
}

Result<Ticket> apply_ticket_transition(store::Executor& ex, const Actor& actor, Instant now,
                                       const Ticket& t, std::int64_t expected_version,
                                       const TransitionRequest& req,
                                       const access::RecordOwnership& owner) {
  const std::int64_t id = t.id;
  if (t.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  const KindInfo* kind = TRY(kind_info(t.kind));
  // Field values the request brings count for the transition's requirements.
  Ticket next = t;
  if (req.resolution) next.resolution = *req.resolution;
  if (req.resolution_code) next.resolution_code = *req.resolution_code;
  if (req.group_id) next.group_id = *req.group_id;
  if (req.assignee_id) next.assignee_id = *req.assignee_id;
  const auto* def = TRY(ticket::check_transition(kind->lifecycle, t.state, req.transition,
                                                 context_for(actor, next, owner)));
  if (next.assignee_id != t.assignee_id && next.assignee_id != 0) {
    auto u =
        TRY(ex.query_one("SELECT role, disabled FROM users WHERE id = $1", {next.assignee_id}));
    if (!u || u->i64(1) != 0 || u->text(0) == "customer") {
      return Error(ErrorCode::validation_failed, "the assignee is not valid")
          .with_field("assignee_id", "not_allowed", "not an active agent");
    }
  }
  if (next.group_id != t.group_id && next.group_id != 0) {
    auto g = TRY(ex.query_one("SELECT id FROM groups WHERE id = $1", {next.group_id}));
    if (!g) {
      return Error(ErrorCode::validation_failed, "the group is not valid")
          .with_field("group_id", "not_found", "no such group");
    }
  }
  const ticket::StateDef* to = kind->lifecycle.state(def->to);
  // A major incident closes only once its review is recorded.
  if (t.major && to->category == ticket::StateCategory::closed) {
    auto review =
        TRY(ex.query_one("SELECT 1 FROM major_incident_reviews WHERE ticket_id = $1", {id}));
    if (!review) {
      return Error(ErrorCode::validation_failed, "a major incident needs its review to close")
          .with_field("major_review", "required",
                      "record it with PUT /api/v1/tickets/" + std::to_string(id) + "/major-review");
    }
  }
  std::optional<Instant> resolved_at = t.resolved_at, closed_at = t.closed_at;
  for (auto e : def->effects) {
    switch (e) {
      case ticket::Effect::stamp_resolved:
        resolved_at = now;
        break;
      case ticket::Effect::clear_resolved:
        resolved_at.reset();
        break;
      case ticket::Effect::stamp_closed:
        closed_at = now;
        break;
      case ticket::Effect::clear_assignee:
        next.assignee_id = 0;
        break;
    }
  }
  auto optional_id = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  auto optional_time = [](const std::optional<Instant>& v) {
    return v ? store::Value(format_rfc3339(*v)) : store::Value(store::Null{});
  };
  const auto updated = TRY(ex.exec(
      "UPDATE tickets SET state = $3, state_category = $4, resolution = $5, resolution_code = $6, "
      "group_id = $7, assignee_id = $8, resolved_at = $9, closed_at = $10, version = version + 1, "
      "updated_at = $11 WHERE id = $1 AND version = $2",
      {id, expected_version, to->name, std::string(ticket::category_name(to->category)),
       next.resolution, next.resolution_code, optional_id(next.group_id),
       optional_id(next.assignee_id), optional_time(resolved_at), optional_time(closed_at),
       format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  TRY_VOID(record_ticket_event(ex, id, now, "state_changed",
                               "{\"from\":\"" + t.state + "\",\"to\":\"" + to->name + "\"}"));
  TRY_VOID(refresh_ticket_sla(ex, id, now));
  ChangeSet changes;
  changes.add("state", t.state, to->name);
  changes.add("resolution", t.resolution, next.resolution);
  changes.add("resolution_code", t.resolution_code, next.resolution_code);
  changes.add("group_id", id_text(t.group_id), id_text(next.group_id));
  changes.add("assignee_id", id_text(t.assignee_id), id_text(next.assignee_id));
  TRY_VOID(write_audit(ex, actor, now, "ticket", id, "transition:" + def->name, changes.changes()));
  TRY_VOID(
      add_system_entry(ex, actor, now, id,
                       def->label_zh + " / " + def->label_en + ": " + t.state + " → " + to->name));
  if (!req.comment.empty()) {
    TRY_VOID(insert_journal_entry(ex, actor, now, next, "public", req.comment));
  }
  TRY_VOID(emit_event(ex, actor, now, "ticket.state_changed", "ticket", id,
                      "{\"from\":\"" + t.state + "\",\"to\":\"" + to->name + "\"}"));
  TRY_VOID(index_ticket(ex, id));
  auto reloaded = TRY(find_ticket(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
