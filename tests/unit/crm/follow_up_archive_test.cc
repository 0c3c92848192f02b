#include <gtest/gtest.h>

#include "domain/crm/archive.h"
#include "domain/crm/follow_up.h"

namespace fuwu::crm {
namespace {

std::vector<std::string> fields(const Result<FollowUpAction>& r) {
  std::vector<std::string> out;
  if (r.ok()) return out;
  for (const auto& f : r.error().fields)
    out.push_back(f.field);
  return out;
}

TEST(FollowUpOutcome, HappyNotReachedAndUnhappy) {
  EXPECT_EQ(*decide_follow_up({.reached = true, .satisfied = true, .score = 5}, true),
            FollowUpAction::none);
  EXPECT_EQ(*decide_follow_up({.reached = false}, true), FollowUpAction::none);
  // Unhappy: a complaint unless the work order is to be reopened.
  EXPECT_EQ(*decide_follow_up({.reached = true, .satisfied = false}, true),
            FollowUpAction::open_complaint);
  EXPECT_EQ(*decide_follow_up({.reached = true, .satisfied = true, .score = 2}, false),
            FollowUpAction::open_complaint);
  EXPECT_EQ(
      *decide_follow_up({.reached = true, .satisfied = false, .action = "reopen_work_order"}, true),
      FollowUpAction::reopen_work_order);
}

TEST(FollowUpOutcome, BadOutcomesAreRefused) {
  EXPECT_EQ(fields(decide_follow_up({}, true)), std::vector<std::string>{"reached"});
  EXPECT_EQ(fields(decide_follow_up({.reached = true}, true)),
            std::vector<std::string>{"satisfied"});
  EXPECT_EQ(fields(decide_follow_up({.reached = true, .satisfied = true, .score = 6}, true)),
            std::vector<std::string>{"score"});
  EXPECT_EQ(fields(decide_follow_up({.reached = false, .score = 3}, true)),
            std::vector<std::string>{"score"});
  EXPECT_EQ(
      fields(decide_follow_up({.reached = true, .satisfied = true, .action = "complaint"}, true)),
      std::vector<std::string>{"action"});
  EXPECT_EQ(fields(decide_follow_up(
                {.reached = true, .satisfied = false, .action = "reopen_work_order"}, false)),
            std::vector<std::string>{"action"});
  EXPECT_EQ(
      fields(decide_follow_up({.reached = true, .satisfied = false, .action = "shout"}, true)),
      std::vector<std::string>{"action"});
}

TEST(FollowUpSchedule, NextVisit) {
  EXPECT_EQ(format_date(next_visit_on(Date{2026, 12, 20}, 30)), "2027-01-19");
  EXPECT_EQ(format_date(next_visit_on(Date{2026, 2, 28}, 0)), "2026-03-01");
  EXPECT_TRUE(valid_method("message"));
  EXPECT_FALSE(valid_method("pigeon"));
}

TEST(CustomerArchive, CompleteWithContactSiteAndUnitsOrNoneDeclared) {
  ArchiveFacts f;
  auto gaps = archive_gaps(f);
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_EQ(gaps[0].item, "contact");
  EXPECT_EQ(gaps[1].item, "site_address");
  EXPECT_EQ(gaps[2].item, "unit");
  f.contacts = 1;
  f.sites_with_address = 1;
  EXPECT_FALSE(archive_complete(f));
  f.no_units_declared = true;
  EXPECT_TRUE(archive_complete(f));
  f.no_units_declared = false;
  f.units = 2;
  EXPECT_TRUE(archive_complete(f));
}

}  // namespace
}  // namespace fuwu::crm
