#include "app/complaints/complaint.h"
#include "app/follow_ups/follow_up.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {
namespace {

// The complaint's channel for the follow-up's method.
std::string complaint_channel(std::string_view method) {
  if (method == "visit") return "visit";
  if (method == "letter") return "letter";
  return "call";  // phone; a message is answered by a call
}

std::optional<std::string> bool_text(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return *b ? "true" : "false";
}

}  // namespace

Result<FollowUp> record_follow_up_outcome(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t id, std::int64_t expected_version,
                                          const FollowUpOutcomeRequest& req) {
  const FollowUp f = TRY(get_follow_up(ex, actor, id));
  if (!access::may(actor.principal, "follow_up.write", follow_up_ownership(f))) {
    return Error(ErrorCode::permission_denied, "you may not record this follow-up's outcome");
  }
  if (f.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the follow-up was changed by someone else; reload it and try again");
  }
  if (f.state != "open") {
    Error e(ErrorCode::invalid_transition, "the outcome of this follow-up is already recorded");
    return e;
  }
  const bool has_work_order = f.source == "work_order" && f.source_ticket_id != 0;
  const auto& o = req.outcome;
  const auto action = TRY(crm::decide_follow_up(o, has_work_order));
  if (!req.complaint_about.empty() && action != crm::FollowUpAction::open_complaint) {
    return Error(ErrorCode::validation_failed, "the outcome is not valid")
        .with_field("complaint_about", "not_allowed", "only when the outcome opens a complaint");
  }

  std::int64_t complaint_id = 0, reopened = 0;
  std::string action_name;
  if (action == crm::FollowUpAction::open_complaint) {
    action_name = "complaint";
    NewComplaint c;
    c.channel = complaint_channel(f.method);
    c.organisation_id = f.organisation_id;
    c.contact_id = f.contact_id;
    c.about = req.complaint_about.empty() ? (has_work_order ? "work_order" : "engineer")
                                          : req.complaint_about;
    const std::string subject =
        f.source_number.empty() ? "#" + std::to_string(f.id) : f.source_number;
    c.title = "回访不满意 / Unhappy follow-up: " + subject;
    c.description =
        o.comments.empty() ? "回访时顾客表示不满意 / The customer was not satisfied" : o.comments;
    if (has_work_order) {
      c.work_order_id = f.source_ticket_id;
    } else if (f.source_ticket_id) {
      c.related_ticket_id = f.source_ticket_id;
    }
    c.follow_up_id = f.id;
    const Complaint created = TRY(create_complaint(ex, actor, now, c));
    complaint_id = created.ticket.id;
  } else if (action == crm::FollowUpAction::reopen_work_order) {
    action_name = "reopen_work_order";
    const WorkOrder w = TRY(get_work_order(ex, actor, f.source_ticket_id));
    WorkOrderTransition tr;
    tr.transition = "reopen";
    const WorkOrder next =
        TRY(transition_work_order(ex, actor, now, w.ticket.id, w.ticket.version, tr));
    TRY_VOID(insert_journal_entry(ex, actor, now, next.ticket, "internal",
                                  "回访不满意，重新打开（回访 #" + std::to_string(f.id) +
                                      "） / Reopened after an unhappy follow-up (#" +
                                      std::to_string(f.id) + ")" +
                                      (o.comments.empty() ? "" : ": " + o.comments)));
    reopened = w.ticket.id;
  }

  const std::string ts = format_rfc3339(now);
  auto b = [](std::optional<bool> v) {
    return v ? store::Value(std::int64_t{*v ? 1 : 0}) : store::Value(store::Null{});
  };
  auto id_or_null = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  TRY_VOID(
      ex.exec("UPDATE follow_ups SET state = 'done', reached = $2, satisfied = $3, score = $4, "
              "comments = $5, action = $6, complaint_id = $7, reopened_work_order_id = $8, "
              "completed_at = $9, version = version + 1 WHERE id = $1",
              {id, b(o.reached), b(o.reached.value_or(false) ? o.satisfied : std::nullopt),
               o.score ? store::Value(std::int64_t{*o.score}) : store::Value(store::Null{}),
               o.comments, action_name, id_or_null(complaint_id), id_or_null(reopened), ts}));
  ChangeSet changes;
  changes.add("state", f.state, "done");
  changes.add("reached", std::nullopt, bool_text(o.reached));
  changes.add("satisfied", std::nullopt,
              bool_text(o.reached.value_or(false) ? o.satisfied : std::nullopt));
  changes.add("score", std::nullopt,
              o.score ? std::optional(std::to_string(*o.score)) : std::nullopt);
  changes.add("comments", std::nullopt,
              o.comments.empty() ? std::nullopt : std::optional(o.comments));
  changes.add("complaint_id", std::nullopt,
              complaint_id ? std::optional(std::to_string(complaint_id)) : std::nullopt);
  changes.add("reopened_work_order_id", std::nullopt,
              reopened ? std::optional(std::to_string(reopened)) : std::nullopt);
  TRY_VOID(write_audit(ex, actor, now, "follow_up", id, "outcome", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "follow_up.completed", "follow_up", id,
                      "{\"action\":\"" + action_name + "\"}"));
  auto reloaded = TRY(find_follow_up(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
