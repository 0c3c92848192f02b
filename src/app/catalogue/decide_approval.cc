#include <algorithm>

#include "app/catalogue/catalogue.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<std::vector<Approval>> decide_approval(store::Executor& ex, const Actor& actor, Instant now,
                                              std::int64_t ticket_id,
                                              const ApprovalDecision& decision) {
  const std::int64_t me = actor.principal.user_id;
  auto approvals = TRY(load_approvals(ex, ticket_id));
  const bool approver =
      me != 0 && std::any_of(approvals.begin(), approvals.end(),
                             [&](const Approval& a) { return a.approver_id == me; });
  if (!approver) {
    TRY_VOID(visible_ticket(ex, actor, ticket_id));
    return Error(ErrorCode::permission_denied, "you are not an approver of this request");
  }
  if (!decision.approve && decision.comment.empty()) {
    return Error(ErrorCode::validation_failed, "say why you reject the request")
        .with_field("/comment", "required", "the reason for the rejection");
  }
  auto ticket = TRY(find_ticket(ex, ticket_id));
  if (ticket->state != "awaiting_approval") {
    return Error(ErrorCode::invalid_transition, "the request is not awaiting approval");
  }
  // Stage rules and slots, as stored.
  std::vector<catalogue::StageRule> rules;
  std::vector<catalogue::Slot> slots;
  for (const auto& a : approvals) {
    if (static_cast<std::size_t>(a.stage) >= rules.size()) {
      rules.resize(static_cast<std::size_t>(a.stage) + 1, catalogue::StageRule::any);
    }
    rules[static_cast<std::size_t>(a.stage)] =
        catalogue::parse_rule(a.rule).value_or(catalogue::StageRule::any);
    slots.push_back({a.stage, a.approver_id,
                     catalogue::parse_slot_state(a.state).value_or(catalogue::SlotState::waiting)});
  }
  const auto result = TRY(catalogue::decide(rules, slots, me, decision.approve));
  const std::string ts = format_rfc3339(now);
  ChangeSet changes;
  int decided_stage = 0;
  for (std::size_t i = 0; i < approvals.size(); ++i) {
    const auto& a = approvals[i];
    const std::string next(catalogue::slot_state_name(result.slots[i].state));
    if (next == a.state) continue;
    const bool mine =
        a.approver_id == me && (next == "approved" || next == "rejected") && a.state == "pending";
    if (mine) decided_stage = a.stage;
    TRY_VOID(ex.exec(
        "UPDATE ticket_approvals SET state = $2, comment = $3, decided_at = $4 WHERE id = $1",
        {a.id, next, mine ? decision.comment : a.comment,
         mine ? store::Value(ts) : store::Value(store::Null{})}));
    changes.add("approval/" + std::to_string(a.id), a.state, next);
  }
  if (!decision.comment.empty()) changes.add("comment", std::nullopt, decision.comment);
  const char* verb = decision.approve ? "approve" : "reject";
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, std::string("approval:") + verb,
                       changes.changes()));
  const std::string comment = json_text(decision.comment);
  const char* outcome = result.outcome == catalogue::Outcome::approved   ? "approved"
                        : result.outcome == catalogue::Outcome::rejected ? "rejected"
                                                                         : "in_progress";
  TRY_VOID(emit_event(ex, actor, now, decision.approve ? "approval.approved" : "approval.rejected",
                      "ticket", ticket_id,
                      "{\"ticket_id\":" + std::to_string(ticket_id) +
                          ",\"stage\":" + std::to_string(decided_stage + 1) +
                          ",\"approver_id\":" + std::to_string(me) + ",\"comment\":" + comment +
                          ",\"outcome\":\"" + outcome + "\"}"));
  TRY_VOID(add_system_entry(
      ex, actor, now, ticket_id,
      std::string(decision.approve ? "审批通过 / Approved" : "审批拒绝 / Rejected") +
          (decision.comment.empty() ? "" : ": " + decision.comment)));
  if (result.outcome == catalogue::Outcome::approved) {
    TRY_VOID(system_transition(ex, actor, now, ticket_id, "approve", std::nullopt));
  } else if (result.outcome == catalogue::Outcome::rejected) {
    TRY_VOID(system_transition(ex, actor, now, ticket_id, "reject", decision.comment));
  } else if (result.stage_finished) {
    auto updated = TRY(load_approvals(ex, ticket_id));
    TRY_VOID(announce_stage(ex, actor, now, *ticket, updated, decided_stage + 1));
  }
  return load_approvals(ex, ticket_id);
}

}  // namespace fuwu::app
