// The work order lifecycle (src/app/tickets/lifecycles/work_order.json) as data: valid, and the
// order of the issue — quote before dispatch when out of warranty, sign only after repair.
#include <gtest/gtest.h>

#include "app/tickets/lifecycles.h"

namespace fuwu::app {
namespace {

ticket::TransitionContext anyone() {
  return {[](std::string_view) { return true; }, [](std::string_view) { return true; }};
}

TEST(WorkOrderLifecycle, IsValidAndHasItsOwnApi) {
  auto k = kind_info("work_order");
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ((*k)->lifecycle.prefix, "WO");
  EXPECT_EQ((*k)->api, "/api/v1/work-orders");
  EXPECT_EQ((*k)->lifecycle.initial, "reported");
}

TEST(WorkOrderLifecycle, TheOrderOfTheVisit) {
  const auto& l = (*kind_info("work_order"))->lifecycle;
  const std::vector<std::pair<std::string, std::string>> path = {
      {"reported", "quote"},      {"quoted", "accept_quote"},    {"quote_accepted", "dispatch"},
      {"dispatched", "accept"},   {"accepted", "appoint"},       {"appointed", "depart"},
      {"on_the_way", "check_in"}, {"on_site", "wait_for_parts"}, {"waiting_parts", "parts_arrived"},
      {"on_site", "repair"},      {"repaired", "sign"},          {"signed", "follow_up"},
      {"followed_up", "close"},   {"closed", "reopen"}};
  for (const auto& [state, transition] : path) {
    auto t = ticket::check_transition(l, state, transition, anyone());
    EXPECT_TRUE(t.ok()) << state << " --" << transition;
  }
  auto early = ticket::check_transition(l, "on_site", "sign", anyone());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::invalid_transition);
  EXPECT_FALSE(ticket::check_transition(l, "signed", "cancel", anyone()).ok());
  EXPECT_EQ(l.state("waiting_parts")->category, ticket::StateCategory::pending);
  EXPECT_EQ(l.transition("decline_quote")->to, "declined");
  EXPECT_EQ(l.transition("reject")->permission, "work_order.work");
}

}  // namespace
}  // namespace fuwu::app
