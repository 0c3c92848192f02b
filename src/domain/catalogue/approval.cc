#include "domain/catalogue/approval.h"

#include <algorithm>

namespace fuwu::catalogue {
namespace {

constexpr std::pair<SlotState, std::string_view> kStates[] = {
    {SlotState::waiting, "waiting"},       {SlotState::pending, "pending"},
    {SlotState::approved, "approved"},     {SlotState::rejected, "rejected"},
    {SlotState::not_needed, "not_needed"}, {SlotState::cancelled, "cancelled"},
};

enum class StageState { open, approved, rejected };

StageState stage_state(StageRule rule, const std::vector<Slot>& slots, int stage) {
  bool any_slot = false, all_approved = true, any_approved = false;
  for (const auto& s : slots) {
    if (s.stage != stage) continue;
    any_slot = true;
    if (s.state == SlotState::rejected) return StageState::rejected;
    if (s.state == SlotState::approved) any_approved = true;
    if (s.state != SlotState::approved) all_approved = false;
  }
  if (!any_slot) return StageState::approved;
  if (rule == StageRule::any ? any_approved : all_approved) return StageState::approved;
  return StageState::open;
}

int stage_count(const std::vector<Slot>& slots) {
  int n = 0;
  for (const auto& s : slots)
    n = std::max(n, s.stage + 1);
  return n;
}

}  // namespace

std::string_view rule_name(StageRule r) {
  return r == StageRule::all ? "all" : "any";
}

std::optional<StageRule> parse_rule(std::string_view s) {
  if (s == "any") return StageRule::any;
  if (s == "all") return StageRule::all;
  return std::nullopt;
}

std::string_view approver_kind_name(ApproverSpec::Kind k) {
  switch (k) {
    case ApproverSpec::Kind::role:
      return "role";
    case ApproverSpec::Kind::manager:
      return "manager";
    case ApproverSpec::Kind::user:
      return "user";
  }
  return "user";
}

std::optional<ApproverSpec::Kind> parse_approver_kind(std::string_view s) {
  if (s == "role") return ApproverSpec::Kind::role;
  if (s == "manager") return ApproverSpec::Kind::manager;
  if (s == "user") return ApproverSpec::Kind::user;
  return std::nullopt;
}

std::string_view slot_state_name(SlotState s) {
  for (const auto& [state, name] : kStates) {
    if (state == s) return name;
  }
  return "waiting";
}

std::optional<SlotState> parse_slot_state(std::string_view s) {
  for (const auto& [state, name] : kStates) {
    if (name == s) return state;
  }
  return std::nullopt;
}

Status validate_stages(const std::vector<StageDef>& stages) {
  Error e(ErrorCode::validation_failed, "the approval stages are not valid");
  if (stages.size() > kMaxStages) {
    e.with_field("", "too_many", "at most " + std::to_string(kMaxStages) + " stages");
    return e;
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto& s = stages[i];
    const std::string at = "/" + std::to_string(i);
    if (s.label_zh.empty()) e.with_field(at + "/label_zh", "required", "a label in Chinese");
    if (s.label_en.empty()) e.with_field(at + "/label_en", "required", "a label in English");
    if (s.approvers.empty()) {
      e.with_field(at + "/approvers", "required", "at least one approver");
    } else if (s.approvers.size() > kMaxApproversPerStage) {
      e.with_field(at + "/approvers", "too_many",
                   "at most " + std::to_string(kMaxApproversPerStage));
    }
    for (std::size_t k = 0; k < s.approvers.size(); ++k) {
      const auto& a = s.approvers[k];
      const std::string aat = at + "/approvers/" + std::to_string(k);
      if (a.kind == ApproverSpec::Kind::role && a.role.empty()) {
        e.with_field(aat + "/role", "required", "the name of a role");
      }
      if (a.kind == ApproverSpec::Kind::user && a.user_id <= 0) {
        e.with_field(aat + "/user_id", "required", "the id of a user");
      }
    }
  }
  if (!e.fields.empty()) return e;
  return {};
}

std::vector<Slot> start_slots(const std::vector<std::vector<std::int64_t>>& approvers) {
  std::vector<Slot> out;
  for (std::size_t i = 0; i < approvers.size(); ++i) {
    std::vector<std::int64_t> people = approvers[i];
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    for (auto id : people) {
      out.push_back({static_cast<int>(i), id, i == 0 ? SlotState::pending : SlotState::waiting});
    }
  }
  return out;
}

Outcome outcome_of(const std::vector<StageRule>& rules, const std::vector<Slot>& slots) {
  const int stages = stage_count(slots);
  for (int i = 0; i < stages; ++i) {
    const StageRule rule =
        i < static_cast<int>(rules.size()) ? rules[static_cast<std::size_t>(i)] : StageRule::any;
    switch (stage_state(rule, slots, i)) {
      case StageState::rejected:
        return Outcome::rejected;
      case StageState::open:
        return Outcome::in_progress;
      case StageState::approved:
        break;
    }
  }
  return Outcome::approved;
}

Result<DecisionResult> decide(const std::vector<StageRule>& rules, std::vector<Slot> slots,
                              std::int64_t approver, bool approve) {
  Slot* mine = nullptr;
  bool has_any = false, decided = false;
  for (auto& s : slots) {
    if (s.approver_id != approver) continue;
    has_any = true;
    if (s.state == SlotState::pending && !mine) mine = &s;
    if (s.state == SlotState::approved || s.state == SlotState::rejected) decided = true;
  }
  if (!has_any) return Error(ErrorCode::not_found, "you are not an approver of this request");
  if (!mine) {
    const bool later = std::any_of(slots.begin(), slots.end(), [&](const Slot& s) {
      return s.approver_id == approver && s.state == SlotState::waiting;
    });
    if (later && !decided) {
      return Error(ErrorCode::permission_denied,
                   "your approval stage has not started: an earlier stage is still open");
    }
    return Error(ErrorCode::conflict, decided ? "you have already decided on this request"
                                              : "this approval is no longer open");
  }
  const int stage = mine->stage;
  mine->state = approve ? SlotState::approved : SlotState::rejected;
  const StageRule rule = stage < static_cast<int>(rules.size())
                             ? rules[static_cast<std::size_t>(stage)]
                             : StageRule::any;
  DecisionResult r;
  const StageState st = stage_state(rule, slots, stage);
  if (st == StageState::rejected) {
    for (auto& s : slots) {
      if (s.state == SlotState::pending || s.state == SlotState::waiting) {
        s.state = SlotState::cancelled;
      }
    }
    r.stage_finished = true;
  } else if (st == StageState::approved) {
    for (auto& s : slots) {
      if (s.stage == stage && s.state == SlotState::pending) s.state = SlotState::not_needed;
      if (s.stage == stage + 1 && s.state == SlotState::waiting) s.state = SlotState::pending;
    }
    r.stage_finished = true;
  }
  r.outcome = outcome_of(rules, slots);
  r.slots = std::move(slots);
  return r;
}

}  // namespace fuwu::catalogue
