#include <gtest/gtest.h>

#include "app/sla/sla_json.h"
#include "domain/crm/complaint.h"
#include "domain/sla/clock.h"
#include "unit/calendar/calendar_test_util.h"

namespace fuwu::crm {
namespace {

using calendar::testing::at;
using calendar::testing::china;
using calendar::testing::shipped;

std::vector<std::string> fields(const Status& s) {
  std::vector<std::string> out;
  if (s.ok()) return out;
  for (const auto& f : s.error().fields)
    out.push_back(f.field);
  return out;
}

// Received on Tuesday 29 September 2026: Wednesday 30 September is working day 1, National Day
// (1–7 October) is skipped, Thursday 8 and Friday 9 October are 2 and 3, Saturday 10 October is a
// make-up working day (4), Sunday 11 is off, Monday 12 October is day 5: closed by 18:00 then.
TEST(ComplaintDeadline, FiveWorkingDaysAcrossNationalDay) {
  auto due = complaint_deadline(china(), at("2026-09-29T10:00:00+08:00"));
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(format_rfc3339(*due), "2026-10-12T10:00:00Z");
  EXPECT_EQ(china().format(*due), "2026-10-12T18:00:00+08:00");
  // Received after hours or at night: the day of receipt never counts either way.
  EXPECT_EQ(china().format(*complaint_deadline(china(), at("2026-09-29T23:59:59+08:00"))),
            "2026-10-12T18:00:00+08:00");
  // Received during the holiday: 8, 9, 10 (调休), 12 and 13 October are the five working days.
  EXPECT_EQ(china().format(*complaint_deadline(china(), at("2026-10-03T09:00:00+08:00"))),
            "2026-10-13T18:00:00+08:00");
}

// Seed 004 §5.1.18: the solution is told to the customer within 8 working hours (09:00–12:00,
// 13:00–18:00 on china-mainland), warned at 75 %. Received Tuesday 29 September at 10:00: 7 hours
// that day, the 8th at 10:00 on Wednesday; received Wednesday 30 September at 15:00: 3 hours that
// day, National Day skipped, 5 more on Thursday 8 October: due at 15:00.
TEST(ComplaintLimit, EightWorkingHoursWarnedAt75Percent) {
  auto limit = complaint_limit(china(), at("2026-09-29T10:00:00+08:00"));
  ASSERT_TRUE(limit.ok()) << limit.error().message;
  EXPECT_EQ(china().format(limit->due), "2026-09-30T10:00:00+08:00");
  EXPECT_EQ(china().format(limit->warning), "2026-09-29T17:00:00+08:00");
  EXPECT_EQ(china().format(complaint_limit(china(), at("2026-09-30T15:00:00+08:00"))->due),
            "2026-10-08T15:00:00+08:00");
  const Instant due = limit->due;
  EXPECT_EQ(limit_state(due, std::nullopt, at("2026-09-30T09:59:59+08:00")), LimitState::running);
  EXPECT_EQ(limit_state(due, std::nullopt, at("2026-09-30T10:00:01+08:00")), LimitState::breached);
  EXPECT_EQ(limit_state(due, due, at("2026-10-20T10:00:00+08:00")), LimitState::met);  // on time
  EXPECT_EQ(limit_state(due, at("2026-09-30T10:00:01+08:00"), at("2026-09-30T10:00:01+08:00")),
            LimitState::breached);
  EXPECT_EQ(limit_state_slug(LimitState::running), "running");
}

// The SLA clock of the complaint's own policy: the same deadline to the second, warnings at 75 %
// and 90 % of the 47 working hours, the breach at the deadline.
TEST(ComplaintDeadline, TheSlaClockAgreesAndWarnsAt75And90Percent) {
  auto book = sla::parse_policies_json(complaint_sla_policy_json("china-mainland"));
  ASSERT_TRUE(book.ok()) << book.error().message;
  const sla::RecordFacts facts{.record_type = "complaint", .priority = "P4"};
  const std::vector<sla::Event> events = {
      {at("2026-09-29T10:00:00+08:00"), sla::EventKind::created, "received"}};
  auto clocks =
      sla::compute_clocks(facts, events, *book, shipped(), at("2026-09-29T11:00:00+08:00"));
  ASSERT_TRUE(clocks.ok()) << clocks.error().message;
  ASSERT_EQ(clocks->size(), 1u);
  const auto& c = clocks->front();
  EXPECT_EQ(c.kind, sla::TargetKind::resolution);
  EXPECT_EQ(c.target_seconds, 47 * 3600);
  ASSERT_TRUE(c.deadline);
  EXPECT_EQ(china().format(*c.deadline), "2026-10-12T18:00:00+08:00");
  std::vector<std::string> marks;
  for (const auto& th : c.thresholds) {
    ASSERT_TRUE(th.at);
    marks.push_back(std::to_string(th.percent) + "@" + china().format(*th.at));
  }
  EXPECT_EQ(marks, (std::vector<std::string>{
                       "75@2026-10-10T14:15:00+08:00", "90@2026-10-12T13:18:00+08:00",
                       "100@2026-10-12T18:00:00+08:00", "100@2026-10-12T18:00:00+08:00"}));
}

TEST(ComplaintSteps, EachStepNeedsItsValues) {
  ComplaintFacts f;
  EXPECT_EQ(fields(check_complaint_step("route_elsewhere", f)),
            std::vector<std::string>{"routed_to_id"});
  EXPECT_EQ(fields(check_complaint_step("accept", f)), std::vector<std::string>{"head_id"});
  EXPECT_EQ(fields(check_complaint_step("establish_cause", f)),
            (std::vector<std::string>{"cause", "attributable"}));
  EXPECT_EQ(fields(check_complaint_step("record_discipline", f)),
            (std::vector<std::string>{"responsible_id", "disciplinary_note"}));
  EXPECT_EQ(fields(check_complaint_step("request_support", f)),
            std::vector<std::string>{"support_request"});
  EXPECT_EQ(fields(check_complaint_step("propose_remedy", f)), std::vector<std::string>{"remedy"});
  EXPECT_EQ(fields(check_complaint_step("carry_out", f)), std::vector<std::string>{"solution"});
  EXPECT_TRUE(check_complaint_step("customer_agrees", f).ok());
  EXPECT_TRUE(check_complaint_step("customer_disagrees", f).ok());
  EXPECT_TRUE(check_complaint_step("inform_customer", f).ok());
  f.cause = "迟到";
  f.attributable = false;
  EXPECT_TRUE(check_complaint_step("establish_cause", f).ok());
}

TEST(ComplaintSteps, ClosingNeedsTheSolutionTheCustomerInformedAndAnImprovement) {
  ComplaintFacts f;
  auto s = check_complaint_step("close", f);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(fields(s),
            (std::vector<std::string>{"solution", "customer_informed", "improvement_action"}));
  f.solution = "更换工程师，免收上门费";
  f.improvement_action = "预约提醒";
  EXPECT_EQ(fields(check_complaint_step("close", f)),
            std::vector<std::string>{"customer_informed"});
  f.customer_informed = true;
  EXPECT_TRUE(check_complaint_step("close", f).ok());
}

TEST(ComplaintValues, ChannelsTopicsSeverities) {
  for (const char* c : {"call", "letter", "visit", "portal", "email"})
    EXPECT_TRUE(valid_channel(c));
  EXPECT_FALSE(valid_channel("phone"));
  for (const char* a : {"engineer", "work_order", "product", "attitude", "fees"})
    EXPECT_TRUE(valid_about(a));
  EXPECT_FALSE(valid_about("weather"));
  EXPECT_TRUE(valid_severity("major"));
  EXPECT_FALSE(valid_severity("minor"));
}

}  // namespace
}  // namespace fuwu::crm
