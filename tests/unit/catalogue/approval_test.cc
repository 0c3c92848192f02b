// Approvals in stages: any/all rules, stage order, rejection, double and wrong decisions.
#include <gtest/gtest.h>

#include "domain/catalogue/approval.h"

namespace fuwu::catalogue {
namespace {

SlotState state_of(const std::vector<Slot>& slots, int stage, std::int64_t who) {
  for (const auto& s : slots) {
    if (s.stage == stage && s.approver_id == who) return s.state;
  }
  ADD_FAILURE() << "no slot " << stage << "/" << who;
  return SlotState::waiting;
}

TEST(Approval, StartSlotsDeduplicatesAndOpensTheFirstStage) {
  auto slots = start_slots({{3, 2, 3}, {5}});
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(state_of(slots, 0, 2), SlotState::pending);
  EXPECT_EQ(state_of(slots, 0, 3), SlotState::pending);
  EXPECT_EQ(state_of(slots, 1, 5), SlotState::waiting);
}

TEST(Approval, AnyStageIsDecidedByTheFirstApproval) {
  const std::vector<StageRule> rules{StageRule::any, StageRule::any};
  auto r = decide(rules, start_slots({{1, 2}, {9}}), 2, true);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stage_finished);
  EXPECT_EQ(r->outcome, Outcome::in_progress);
  EXPECT_EQ(state_of(r->slots, 0, 1), SlotState::not_needed);
  EXPECT_EQ(state_of(r->slots, 1, 9), SlotState::pending);
  auto last = decide(rules, r->slots, 9, true);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->outcome, Outcome::approved);
  // The other approver of stage 0 comes too late.
  auto late = decide(rules, last->slots, 1, true);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
}

TEST(Approval, AllStageNeedsEveryone) {
  const std::vector<StageRule> rules{StageRule::all};
  auto r = decide(rules, start_slots({{1, 2, 3}}), 1, true);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->stage_finished);
  EXPECT_EQ(r->outcome, Outcome::in_progress);
  r = decide(rules, r->slots, 3, true);
  EXPECT_EQ(r->outcome, Outcome::in_progress);
  r = decide(rules, r->slots, 2, true);
  EXPECT_TRUE(r->stage_finished);
  EXPECT_EQ(r->outcome, Outcome::approved);
}

TEST(Approval, OneRejectionInAnAllStageRejectsTheRequest) {
  const std::vector<StageRule> rules{StageRule::all, StageRule::any};
  auto r = decide(rules, start_slots({{1, 2}, {9}}), 1, true);
  r = decide(rules, r->slots, 2, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Outcome::rejected);
  EXPECT_EQ(state_of(r->slots, 0, 2), SlotState::rejected);
  EXPECT_EQ(state_of(r->slots, 1, 9), SlotState::cancelled);
  auto after = decide(rules, r->slots, 9, true);
  EXPECT_EQ(after.error().code, ErrorCode::conflict);
}

TEST(Approval, RejectionInAnAnyStageRejects) {
  const std::vector<StageRule> rules{StageRule::any};
  auto r = decide(rules, start_slots({{1, 2}}), 2, false);
  EXPECT_EQ(r->outcome, Outcome::rejected);
  EXPECT_EQ(state_of(r->slots, 0, 1), SlotState::cancelled);
}

TEST(Approval, DoubleDecisionIsAConflict) {
  const std::vector<StageRule> rules{StageRule::all};
  auto r = decide(rules, start_slots({{1, 2}}), 1, true);
  auto again = decide(rules, r->slots, 1, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST(Approval, WrongApproverAndLaterStage) {
  const std::vector<StageRule> rules{StageRule::any, StageRule::any};
  auto slots = start_slots({{1}, {9}});
  EXPECT_EQ(decide(rules, slots, 42, true).error().code, ErrorCode::not_found);
  EXPECT_EQ(decide(rules, slots, 9, true).error().code, ErrorCode::permission_denied);
}

TEST(Approval, SamePersonInTwoStagesDecidesEachInTurn) {
  const std::vector<StageRule> rules{StageRule::any, StageRule::any};
  auto r = decide(rules, start_slots({{1}, {1}}), 1, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Outcome::in_progress);
  r = decide(rules, r->slots, 1, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, Outcome::approved);
}

TEST(Approval, OutcomeOfNoStagesIsApproved) {
  EXPECT_EQ(outcome_of({}, {}), Outcome::approved);
}

TEST(Approval, StagesAreValidated) {
  StageDef ok{"经理审批", "Manager", StageRule::any, {{ApproverSpec::Kind::manager, "", 0}}};
  EXPECT_TRUE(validate_stages({ok}).ok());
  StageDef bad{"",
               "x",
               StageRule::all,
               {{ApproverSpec::Kind::role, "", 0}, {ApproverSpec::Kind::user, "", 0}}};
  StageDef empty{"空", "Empty", StageRule::any, {}};
  auto st = validate_stages({ok, bad, empty});
  ASSERT_FALSE(st.ok());
  std::vector<std::string> fields;
  for (const auto& f : st.error().fields)
    fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"/1/label_zh:required", "/1/approvers/0/role:required",
                                      "/1/approvers/1/user_id:required", "/2/approvers:required"}));
  EXPECT_FALSE(validate_stages(std::vector<StageDef>(kMaxStages + 1, ok)).ok());
}

TEST(Approval, Names) {
  EXPECT_EQ(parse_rule("all"), StageRule::all);
  EXPECT_FALSE(parse_rule("most"));
  EXPECT_EQ(parse_approver_kind("manager"), ApproverSpec::Kind::manager);
  for (auto s : {SlotState::waiting, SlotState::pending, SlotState::approved, SlotState::rejected,
                 SlotState::not_needed, SlotState::cancelled}) {
    EXPECT_EQ(parse_slot_state(slot_state_name(s)), s);
  }
}

}  // namespace
}  // namespace fuwu::catalogue
