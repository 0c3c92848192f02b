// Approvals in stages for catalogue request items. A request item declares its stages; each stage
// names its approvers (by role, the requester's manager, or named users) and whether ANY one or
// ALL of them must approve. Stages run one after another: only the current stage's approvers
// decide. With rule "any", the first decision decides the stage (the others become not_needed);
// with rule "all", every approver must approve and any rejection rejects. A rejected stage
// rejects the request (the remaining decisions are cancelled); the last approved stage approves
// it. Pure: the caller resolves approvers to people and stores the slots.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::catalogue {

enum class StageRule { any, all };
std::string_view rule_name(StageRule r);
std::optional<StageRule> parse_rule(std::string_view s);

struct ApproverSpec {
  enum class Kind { role, manager, user };
  Kind kind = Kind::user;
  std::string role;          // Kind::role
  std::int64_t user_id = 0;  // Kind::user
};
std::string_view approver_kind_name(ApproverSpec::Kind k);
std::optional<ApproverSpec::Kind> parse_approver_kind(std::string_view s);

struct StageDef {
  std::string label_zh;
  std::string label_en;
  StageRule rule = StageRule::any;
  std::vector<ApproverSpec> approvers;
};

inline constexpr std::size_t kMaxStages = 10;
inline constexpr std::size_t kMaxApproversPerStage = 50;

// validation_failed with field errors under "/<i>/…" (labels required, 1..50 approvers, a role
// name for role approvers, a user id for named ones, at most kMaxStages stages).
Status validate_stages(const std::vector<StageDef>& stages);

enum class SlotState { waiting, pending, approved, rejected, not_needed, cancelled };
std::string_view slot_state_name(SlotState s);
std::optional<SlotState> parse_slot_state(std::string_view s);

// One approver's place in one stage of one request.
struct Slot {
  int stage = 0;  // 0-based
  std::int64_t approver_id = 0;
  SlotState state = SlotState::waiting;
};

enum class Outcome { in_progress, approved, rejected };

// The slots of a new request: stage 0 pending, later stages waiting; each person at most once
// per stage. `approvers[i]` are the people resolved for stage i; invalid_request if any stage
// has none (the caller reports that as a problem of the request item).
std::vector<Slot> start_slots(const std::vector<std::vector<std::int64_t>>& approvers);

struct DecisionResult {
  std::vector<Slot> slots;  // every slot, updated
  Outcome outcome = Outcome::in_progress;
  bool stage_finished = false;  // the decision finished its stage
};

// Applies `approver`'s decision. not_found when `approver` has no slot at all; conflict when it
// has decided already or its slots are no longer pending (the stage was decided by another, or
// the request was rejected); permission_denied when its only slots are in a later stage.
Result<DecisionResult> decide(const std::vector<StageRule>& rules, std::vector<Slot> slots,
                              std::int64_t approver, bool approve);

// The outcome of the slots as they stand.
Outcome outcome_of(const std::vector<StageRule>& rules, const std::vector<Slot>& slots);

}  // namespace fuwu::catalogue
