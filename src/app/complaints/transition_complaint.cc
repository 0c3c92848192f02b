#include <map>
#include <set>

#include "app/complaints/complaint.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "domain/crm/complaint.h"

namespace fuwu::app {
namespace {

// The values each step records; a value given to another step is refused.
const std::set<std::string>& step_values(std::string_view transition) {
  static const std::set<std::string> none;
  static const std::map<std::string, std::set<std::string>, std::less<>> by_step = {
      {"route_elsewhere", {"routed_to_id"}},
      {"accept", {"head_id"}},
      {"establish_cause", {"cause", "attributable"}},
      {"record_discipline", {"responsible_id", "disciplinary_note"}},
      {"request_support", {"support_request"}},
      {"propose_remedy", {"remedy"}},
      {"carry_out", {"solution"}},
      {"close", {"improvement_action"}}};
  auto it = by_step.find(transition);
  return it == by_step.end() ? none : it->second;
}

// The set of SET clauses and audit changes of one step.
struct Update {
  explicit Update(std::int64_t record_id) {
    params.reserve(8);  // $1 is the record; no reallocation below
    params.emplace_back(record_id);
  }
  std::string sql;
  std::vector<store::Value> params;
  ChangeSet changes;
  void set(const char* column, store::Value value, std::optional<std::string> old_text,
           std::optional<std::string> new_text) {
    params.emplace_back(std::move(value));
    sql += std::string(sql.empty() ? "" : ", ") + column + " = $" + std::to_string(params.size());
    changes.add(column, std::move(old_text), std::move(new_text));
  }
};

std::optional<std::string> bool_text(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return *b ? "true" : "false";
}

}  // namespace

Result<Complaint> transition_complaint(store::Executor& ex, const Actor& actor, Instant now,
                                       std::int64_t id, std::int64_t expected_version,
                                       const ComplaintStep& s) {
  const Complaint c = TRY(get_complaint(ex, actor, id));
  if (c.ticket.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the complaint was changed by someone else; reload it and try again");
  }
  const auto& name = s.transition;
  // A step the lifecycle does not offer here is refused by it (409, with the allowed steps);
  // closing too early is a 422 naming what is missing (the flow's rules below).
  bool offered = false;
  for (const auto* def : complaint_transitions(actor, c))
    offered = offered || def->name == name;
  if (!offered && name != "close") {
    TransitionRequest probe;
    probe.transition = name;
    TRY_VOID(apply_ticket_transition(ex, actor, now, c.ticket, expected_version, probe,
                                     complaint_ownership(c)));
    return Error(ErrorCode::internal, "the lifecycle accepted a step it does not offer");
  }
  // Values that do not belong to this step.
  Error invalid(ErrorCode::validation_failed, "the step is not valid");
  const auto& allowed = step_values(name);
  const std::pair<const char*, bool> given[] = {
      {"routed_to_id", s.routed_to_id != 0},
      {"head_id", s.head_id != 0},
      {"cause", !s.cause.empty()},
      {"attributable", s.attributable.has_value()},
      {"responsible_id", s.responsible_id != 0},
      {"disciplinary_note", !s.disciplinary_note.empty()},
      {"support_request", !s.support_request.empty()},
      {"remedy", !s.remedy.empty()},
      {"solution", !s.solution.empty()},
      {"improvement_action", !s.improvement_action.empty()}};
  for (const auto& [field, present] : given) {
    if (present && !allowed.contains(field)) {
      invalid.with_field(field, "not_allowed", "not recorded by the step " + name);
    }
  }
  if (!invalid.fields.empty()) return invalid;

  // The facts after the step, checked by the flow's rules.
  crm::ComplaintFacts after{.routed_to_id = c.routed_to_id,
                            .head_id = c.head_id,
                            .cause = c.cause,
                            .attributable = c.attributable,
                            .responsible_id = c.responsible_id,
                            .disciplinary_note = c.disciplinary_note,
                            .support_request = c.support_request,
                            .remedy = c.remedy,
                            .solution = c.solution,
                            .customer_informed = c.customer_informed_at.has_value(),
                            .improvement_action = c.improvement_action};
  if (allowed.contains("routed_to_id")) after.routed_to_id = s.routed_to_id;
  if (allowed.contains("head_id")) after.head_id = s.head_id;
  if (allowed.contains("cause")) after.cause = s.cause, after.attributable = s.attributable;
  if (allowed.contains("responsible_id")) {
    after.responsible_id = s.responsible_id;
    after.disciplinary_note = s.disciplinary_note;
  }
  if (allowed.contains("support_request")) after.support_request = s.support_request;
  if (allowed.contains("remedy")) after.remedy = s.remedy;
  if (allowed.contains("solution")) after.solution = s.solution;
  if (allowed.contains("improvement_action")) after.improvement_action = s.improvement_action;
  TRY_VOID(crm::check_complaint_step(name, after));
  // People named by the step must exist: staff for the head of service and the person routed to
  // or responsible.
  for (auto [field, uid] :
       {std::pair{"routed_to_id", s.routed_to_id}, std::pair{"head_id", s.head_id},
        std::pair{"responsible_id", s.responsible_id}}) {
    if (!uid) continue;
    auto row = TRY(ex.query_one(
        "SELECT 1 FROM users WHERE id = $1 AND disabled = 0 AND kind = 'user'", {uid}));
    if (!row) invalid.with_field(field, "not_found", "an active member of staff");
  }
  if (!invalid.fields.empty()) return invalid;

  TransitionRequest tr;
  tr.transition = name;
  tr.comment = s.comment;
  if (name == "accept") tr.assignee_id = s.head_id;
  if (name == "route_elsewhere") tr.assignee_id = s.routed_to_id;
  if (name == "close") tr.resolution = c.solution;
  const Ticket next = TRY(apply_ticket_transition(ex, actor, now, c.ticket, expected_version, tr,
                                                  complaint_ownership(c)));

  const std::string ts = format_rfc3339(now);
  Update u(id);
  auto id_value = [](std::int64_t v) { return store::Value(v); };
  if (name == "route_elsewhere") {
    u.set("is_complaint", std::int64_t{0}, bool_text(c.is_complaint), "false");
    u.set("routed_to_id", id_value(s.routed_to_id), id_text(c.routed_to_id),
          id_text(s.routed_to_id));
    u.set("closed_at", ts, std::nullopt, ts);
  } else if (name == "accept") {
    u.set("is_complaint", std::int64_t{1}, bool_text(c.is_complaint), "true");
    u.set("head_id", id_value(s.head_id), id_text(c.head_id), id_text(s.head_id));
  } else if (name == "establish_cause") {
    u.set("cause", s.cause, c.cause, s.cause);
    u.set("attributable", std::int64_t{*s.attributable ? 1 : 0}, bool_text(c.attributable),
          bool_text(s.attributable));
  } else if (name == "record_discipline") {
    // A human factor lies with the service.
    u.set("human_factor", std::int64_t{1}, bool_text(c.human_factor), "true");
    u.set("attributable", std::int64_t{1}, bool_text(c.attributable), "true");
    u.set("responsible_id", id_value(s.responsible_id), id_text(c.responsible_id),
          id_text(s.responsible_id));
    u.set("disciplinary_note", s.disciplinary_note, c.disciplinary_note, s.disciplinary_note);
  } else if (name == "request_support") {
    u.set("human_factor", std::int64_t{0}, bool_text(c.human_factor), "false");
    u.set("support_request", s.support_request, c.support_request, s.support_request);
  } else if (name == "propose_remedy") {
    u.set("remedy", s.remedy, c.remedy, s.remedy);
    u.set("remedy_rounds", c.remedy_rounds + 1, std::to_string(c.remedy_rounds),
          std::to_string(c.remedy_rounds + 1));
    // The first remedy put to the customer tells them the solution (the 8-hour "inform" limit).
    if (!c.remedy_proposed_at) u.set("remedy_proposed_at", ts, std::nullopt, ts);
  } else if (name == "customer_agrees") {
    u.set("customer_agreed_at", ts, std::nullopt, ts);
    // Seed 004 §5.1.18 note 4: a human factor's remedy is carried out within 8 working hours.
    if (c.human_factor == true) {
      const Instant due = TRY(schedule_complaint_limit(ex, id, "remedy", c.calendar, now, now));
      u.set("remedy_due_at", format_rfc3339(due), std::nullopt, format_rfc3339(due));
    }
  } else if (name == "carry_out") {
    u.set("solution", s.solution, c.solution, s.solution);
    u.set("carried_out_at", ts, std::nullopt, ts);
  } else if (name == "inform_customer") {
    u.set("customer_informed_at", ts, std::nullopt, ts);
  } else if (name == "close") {
    u.set("improvement_action", s.improvement_action, c.improvement_action, s.improvement_action);
    u.set("closed_at", ts, std::nullopt, ts);
  }
  if (!u.sql.empty()) {
    TRY_VOID(ex.exec("UPDATE complaints SET " + u.sql + " WHERE ticket_id = $1", u.params));
    TRY_VOID(write_audit(ex, actor, now, "ticket", id, "complaint:" + name, u.changes.changes()));
  }
  TRY_VOID(emit_event(ex, actor, now, "complaint." + name, "ticket", id,
                      "{\"number\":\"" + next.number + "\"}"));
  auto reloaded = TRY(find_complaint(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
