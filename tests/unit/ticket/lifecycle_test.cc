#include "domain/ticket/lifecycle.h"

#include <gtest/gtest.h>

#include <set>

namespace fuwu::ticket {
namespace {

Lifecycle small() {
  Lifecycle l;
  l.kind = "incident";
  l.prefix = "INC";
  l.initial = "new";
  l.states = {
      {"new", "新建", "New", StateCategory::fresh, {}, {}},
      {"in_progress", "处理中", "In progress", StateCategory::open, {}, {}},
      {"pending_customer", "等待客户", "Waiting for customer", StateCategory::pending, {}, {}},
      {"resolved", "已解决", "Resolved", StateCategory::resolved, {"resolution"}, {"title"}},
      {"closed", "已关闭", "Closed", StateCategory::closed, {}, {"*"}}};
  l.transitions = {
      {"start", "开始处理", "Start", {"new"}, "in_progress", {"assignee_id"}, "ticket.write", {}},
      {"wait", "等待客户", "Wait", {"in_progress"}, "pending_customer", {}, "ticket.write", {}},
      {"resume", "继续", "Resume", {"pending_customer"}, "in_progress", {}, "ticket.write", {}},
      {"resolve",
       "解决",
       "Resolve",
       {"new", "in_progress", "pending_customer"},
       "resolved",
       {},
       "ticket.write",
       {Effect::stamp_resolved}},
      {"reopen",
       "重新打开",
       "Reopen",
       {"resolved"},
       "in_progress",
       {},
       "ticket.confirm",
       {Effect::clear_resolved}},
      {"close",
       "关闭",
       "Close",
       {"resolved"},
       "closed",
       {},
       "ticket.confirm",
       {Effect::stamp_closed}},
  };
  return l;
}

TransitionContext ctx(std::set<std::string> perms, std::set<std::string> filled) {
  return {[perms](std::string_view p) { return perms.count(std::string(p)) > 0; },
          [filled](std::string_view f) { return filled.count(std::string(f)) > 0; }};
}

TEST(Lifecycle, TheExampleIsValid) {
  EXPECT_TRUE(validate_lifecycle(small()).ok());
}

TEST(Lifecycle, ValidationFindsBrokenReferencesAndUnreachableStates) {
  Lifecycle l = small();
  l.transitions[0].to = "nowhere";
  l.states.push_back({"orphan", "孤立", "Orphan", StateCategory::open, {}, {}});
  auto st = validate_lifecycle(l);
  ASSERT_FALSE(st.ok());
  std::set<std::string> codes;
  for (const auto& f : st.error().fields)
    codes.insert(f.code);
  EXPECT_TRUE(codes.count("not_found"));
  EXPECT_TRUE(codes.count("unreachable"));
}

TEST(Lifecycle, EveryTransitionFromEveryState) {
  const Lifecycle l = small();
  const auto agent = ctx({"ticket.write", "ticket.confirm"}, {"assignee_id", "resolution"});
  for (const auto& s : l.states) {
    for (const auto& t : l.transitions) {
      const bool from_here = std::find(t.from.begin(), t.from.end(), s.name) != t.from.end();
      auto r = check_transition(l, s.name, t.name, agent);
      EXPECT_EQ(r.ok(), from_here) << s.name << " --" << t.name << "-->";
      if (!from_here) {
        EXPECT_EQ(r.error().code, ErrorCode::invalid_transition);
      } else {
        EXPECT_EQ((*r)->to, t.to);
      }
    }
  }
}

TEST(Lifecycle, AWrongTransitionNamesTheAllowedOnes) {
  const Lifecycle l = small();
  auto r = check_transition(l, "in_progress", "close", ctx({"ticket.write", "ticket.confirm"}, {}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(r.error().subject, "wait,resolve");
  auto unknown = check_transition(l, "new", "teleport", ctx({"ticket.write"}, {}));
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_transition);
}

TEST(Lifecycle, GuardsCheckPermissionsAndRequiredFields) {
  const Lifecycle l = small();
  // Requires assignee_id.
  auto r = check_transition(l, "new", "start", ctx({"ticket.write"}, {}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "assignee_id");
  // The target state's required fields count too.
  auto res = check_transition(l, "in_progress", "resolve", ctx({"ticket.write"}, {}));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().fields[0].field, "resolution");
  // A customer may confirm but not work the ticket.
  const auto customer = ctx({"ticket.confirm"}, {"resolution"});
  EXPECT_TRUE(check_transition(l, "resolved", "close", customer).ok());
  EXPECT_EQ(check_transition(l, "in_progress", "resolve", customer).error().code,
            ErrorCode::invalid_transition);
  std::vector<std::string> names;
  for (const auto* t : allowed_transitions(l, "resolved", customer))
    names.push_back(t->name);
  EXPECT_EQ(names, (std::vector<std::string>{"reopen", "close"}));
}

TEST(Lifecycle, ReadOnlyFieldsPerState) {
  const Lifecycle l = small();
  EXPECT_TRUE(read_only_violations(l, "in_progress", {"title", "priority"}).empty());
  EXPECT_EQ(read_only_violations(l, "resolved", {"title", "priority"}),
            (std::vector<std::string>{"title"}));
  EXPECT_EQ(read_only_violations(l, "closed", {"priority"}),
            (std::vector<std::string>{"priority"}));
}

}  // namespace
}  // namespace fuwu::ticket
