// JSON in and out of `fuwu sla simulate`.
#include "app/sla/sla_json.h"

#include <gtest/gtest.h>

#include "unit/calendar/calendar_test_util.h"

namespace fuwu::sla {
namespace {

constexpr std::string_view kPolicies = R"({"policies": [
  {"id": "gold", "match": {"priority": "P1", "type": "incident"}, "pause_states": ["waiting_customer"],
   "targets": [{"kind": "first_response", "calendar": "china-mainland", "working_minutes": 30, "warnings": [50]},
               {"kind": "resolution", "calendar": "24x7", "working_hours": 4,
                "escalations": [{"at_percent": 100, "action": "reassign", "group": "line-2"}]}]},
  {"id": "standard", "targets": [{"kind": "resolution", "calendar": "china-mainland", "working_days": 5}]}]})";

TEST(SlaJson, PoliciesParse) {
  auto book = parse_policies_json(kPolicies);
  ASSERT_TRUE(book.ok()) << book.error().message;
  ASSERT_EQ(book->policies().size(), 2u);
  const Policy& gold = book->policies()[0];
  EXPECT_EQ(*gold.match.record_type, "incident");
  EXPECT_EQ(gold.targets[0].duration.amount, 1800);
  EXPECT_EQ(gold.targets[0].warning_percents, std::vector<int>{50});
  EXPECT_EQ(gold.targets[1].escalations.at(0).group, "line-2");
  EXPECT_EQ(book->policies()[1].targets[0].duration.unit, DurationUnit::working_days);
}

TEST(SlaJson, BadPoliciesNameTheField) {
  auto bad = parse_policies_json(
      R"({"id": "x", "targets": [{"kind": "lunch", "calendar": "c", "working_hours": 1, "working_days": 2}]})");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "targets/0/kind");
  EXPECT_EQ(parse_policies_json("[").error().code, ErrorCode::invalid_request);
}

TEST(SlaJson, SimulateEndToEnd) {
  auto book = parse_policies_json(kPolicies);
  ASSERT_TRUE(book.ok());
  auto log = parse_events_json(R"({"record": {"type": "incident", "priority": "P1"},
    "now": "2025-03-03T09:20:00+08:00",
    "events": [{"at": "2025-03-03T09:00:00+08:00", "kind": "created", "value": "new"}]})");
  ASSERT_TRUE(log.ok()) << log.error().message;
  auto clocks =
      compute_clocks(log->facts, log->events, *book, calendar::testing::shipped(), *log->now);
  ASSERT_TRUE(clocks.ok());
  std::string json = clocks_json(*clocks, calendar::testing::shipped());
  EXPECT_NE(json.find(R"("deadline":"2025-03-03T09:30:00+08:00")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("deadline":"2025-03-03T05:00:00+00:00")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("action":"reassign")"), std::string::npos);
  EXPECT_FALSE(parse_events_json(R"({"events": [{"at": "yesterday", "kind": "created"}]})").ok());
}

}  // namespace
}  // namespace fuwu::sla
