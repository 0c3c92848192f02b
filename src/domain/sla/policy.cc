#include "domain/sla/policy.h"

#include <algorithm>
#include <set>

namespace fuwu::sla {

std::string_view target_kind_slug(TargetKind k) {
  switch (k) {
    case TargetKind::first_response:
      return "first_response";
    case TargetKind::resolution:
      return "resolution";
    case TargetKind::onsite:
      return "onsite";
    case TargetKind::update_interval:
      return "update_interval";
  }
  return "resolution";
}

std::optional<TargetKind> parse_target_kind(std::string_view slug) {
  for (TargetKind k : {TargetKind::first_response, TargetKind::resolution, TargetKind::onsite,
                       TargetKind::update_interval})
    if (target_kind_slug(k) == slug) return k;
  return std::nullopt;
}

std::string_view escalation_action_slug(EscalationAction a) {
  switch (a) {
    case EscalationAction::notify:
      return "notify";
    case EscalationAction::reassign:
      return "reassign";
    case EscalationAction::raise_priority:
      return "raise_priority";
  }
  return "notify";
}

std::optional<EscalationAction> parse_escalation_action(std::string_view slug) {
  for (EscalationAction a :
       {EscalationAction::notify, EscalationAction::reassign, EscalationAction::raise_priority})
    if (escalation_action_slug(a) == slug) return a;
  return std::nullopt;
}

bool Match::matches(const RecordFacts& r) const {
  auto ok = [](const std::optional<std::string>& rule, const std::string& fact) {
    return !rule || *rule == fact;
  };
  return ok(contract, r.contract) && ok(customer, r.customer) && ok(service, r.service) &&
         ok(record_type, r.record_type) && ok(priority, r.priority);
}

bool Policy::pauses_in(std::string_view state) const {
  return std::find(pause_states.begin(), pause_states.end(), state) != pause_states.end();
}

const Target* Policy::target(TargetKind k) const {
  for (const Target& t : targets)
    if (t.kind == k) return &t;
  return nullptr;
}

Status validate(const Policy& p) {
  Error e(ErrorCode::validation_failed, "SLA policy " + p.id + " is not valid");
  if (p.id.empty()) e.with_field("id", "required", "a policy needs an id");
  std::set<TargetKind> kinds;
  for (std::size_t i = 0; i < p.targets.size(); ++i) {
    const Target& t = p.targets[i];
    std::string field = "targets/" + std::to_string(i);
    if (!kinds.insert(t.kind).second)
      e.with_field(field + "/kind", "duplicate", "at most one target per kind");
    if (t.calendar_id.empty())
      e.with_field(field + "/calendar", "required", "a target needs a calendar");
    if (t.duration.amount <= 0)
      e.with_field(field + "/duration", "not_positive", "a target duration must be positive");
    for (int w : t.warning_percents)
      if (w < 1 || w > 99)
        e.with_field(field + "/warnings", "out_of_range", "warning thresholds are 1..99 percent");
    for (const Escalation& x : t.escalations) {
      if (x.at_percent < 1)
        e.with_field(field + "/escalations", "out_of_range", "escalations need at_percent >= 1");
      if (x.action == EscalationAction::reassign && x.group.empty())
        e.with_field(field + "/escalations", "required", "reassign needs a group");
    }
  }
  if (!e.fields.empty()) return e;
  return ok_status();
}

Result<PolicyBook> PolicyBook::create(std::vector<Policy> ordered) {
  std::set<std::string> ids;
  for (const Policy& p : ordered) {
    TRY_VOID(validate(p));
    if (!ids.insert(p.id).second)
      return Error(ErrorCode::validation_failed, "two SLA policies share the id " + p.id)
          .with_field("id", "duplicate", p.id);
  }
  PolicyBook book;
  book.policies_ = std::move(ordered);
  return book;
}

const Policy* PolicyBook::select(const RecordFacts& r) const {
  for (const Policy& p : policies_)
    if (p.match.matches(r)) return &p;
  return nullptr;
}

const Policy* PolicyBook::find(std::string_view id) const {
  for (const Policy& p : policies_)
    if (p.id == id) return &p;
  return nullptr;
}

}  // namespace fuwu::sla
