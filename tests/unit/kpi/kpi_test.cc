// The KPI definitions on a small hand-checked data set: what each order contributes to which
// month, the figures, and the traffic lights at and around each target.
#include <gtest/gtest.h>

#include <map>

#include "domain/kpi/kpi.h"

namespace fuwu::kpi {
namespace {

using Sums = std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>>;

Sums tally(const std::vector<OrderFacts>& orders) {
  Sums out;
  for (const auto& o : orders) {
    for (const auto& c : contributions(o)) {
      auto& s = out[{std::string(tally_slug(c.tally)), c.month}];
      s.first += c.numerator;
      s.second += c.denominator;
    }
  }
  return out;
}

// Five orders reported in October 2026 (hand-checked figures below).
std::vector<OrderFacts> october() {
  OrderFacts met;  // repair, on site in time, answered in 1 h, repaired in 2 working hours
  met.reported_month = "2026-10";
  met.due_month = "2026-10";
  met.on_time = true;
  met.responded_month = "2026-10";
  met.response_seconds = 3600;
  met.resolved_month = "2026-10";
  met.repair_seconds = 7200;

  OrderFacts late = met;  // late, waited for parts, and the unit came back within 30 days
  late.on_time = false;
  late.response_seconds = 7200;
  late.repair_seconds = 36000;
  late.waited_for_parts = true;
  late.came_back = true;

  OrderFacts install = met;  // an installation: no repair figures
  install.repair = false;
  install.response_seconds = 1800;

  OrderFacts pending;  // due in November, nobody there yet, not answered
  pending.reported_month = "2026-10";
  pending.due_month = "2026-11";

  OrderFacts cancelled = met;  // cancelled: counts as a reported order only
  cancelled.cancelled = true;
  return {met, late, install, pending, cancelled};
}

TEST(Kpi, EachOrderCountsInTheMonthOfItsEvent) {
  const auto s = tally(october());
  using P = std::pair<std::int64_t, std::int64_t>;
  EXPECT_EQ(s.at({"orders", "2026-10"}), P(5, 5));
  EXPECT_EQ(s.at({"on_time", "2026-10"}), P(2, 3));  // met, install; late missed
  EXPECT_EQ(s.count({"on_time", "2026-11"}), 0u);    // not decided yet
  EXPECT_EQ(s.at({"response_time", "2026-10"}), P(3600 + 7200 + 1800, 3));
  EXPECT_EQ(s.at({"repair_time", "2026-10"}), P(7200 + 36000, 2));
  EXPECT_EQ(s.at({"first_time_fix", "2026-10"}), P(1, 2));
  EXPECT_EQ(s.at({"repeat_repair", "2026-10"}), P(1, 2));
  EXPECT_EQ(s.size(), 6u);
}

TEST(Kpi, FiguresAndLightsOfTheDataSet) {
  const auto s = tally(october());
  auto fig = [&](Kpi k, const char* tally_name) {
    const auto& [n, d] = s.at({tally_name, "2026-10"});
    return figure(k, n, d);
  };
  const auto on_time = fig(Kpi::on_time, "on_time");
  EXPECT_NEAR(*on_time.value, 66.667, 0.001);
  EXPECT_EQ(on_time.light, Light::red);
  const auto response = fig(Kpi::response_time, "response_time");
  EXPECT_NEAR(*response.value, 12600.0 / 3 / 3600, 1e-9);  // 1.17 working hours
  EXPECT_EQ(response.light, Light::green);
  const auto repair = fig(Kpi::repair_time, "repair_time");
  EXPECT_DOUBLE_EQ(*repair.value, 6.0);
  EXPECT_EQ(repair.light, Light::green);
  EXPECT_DOUBLE_EQ(*fig(Kpi::first_time_fix, "first_time_fix").value, 50.0);
  EXPECT_EQ(fig(Kpi::first_time_fix, "first_time_fix").light, Light::red);
  EXPECT_EQ(fig(Kpi::repeat_repair, "repeat_repair").light, Light::red);
  // Satisfaction: scores in hundredths of a per cent; 87.5 % and 82.5 % average 85 %.
  const auto sat = figure(Kpi::satisfaction, 8750 + 8250, 2);
  EXPECT_DOUBLE_EQ(*sat.value, 85.0);
  EXPECT_EQ(sat.light, Light::green);
  const auto empty = figure(Kpi::on_time, 0, 0);
  EXPECT_FALSE(empty.value);
  EXPECT_EQ(empty.light, Light::none);
}

TEST(Kpi, TrafficLightsAroundTheTargets) {
  const auto& on_time = definition(Kpi::on_time);  // ≥ 90 %, amber down to 85 %
  EXPECT_EQ(light(on_time, 90.0), Light::green);
  EXPECT_EQ(light(on_time, 89.99), Light::amber);
  EXPECT_EQ(light(on_time, 85.0), Light::amber);
  EXPECT_EQ(light(on_time, 84.99), Light::red);
  const auto& complaints = definition(Kpi::complaint_rate);  // < 3 %, amber below 5 %
  EXPECT_EQ(light(complaints, 2.99), Light::green);
  EXPECT_EQ(light(complaints, 3.0), Light::amber);
  EXPECT_EQ(light(complaints, 4.99), Light::amber);
  EXPECT_EQ(light(complaints, 5.0), Light::red);
  const auto& satisfaction = definition(Kpi::satisfaction);  // ≥ 85 %
  EXPECT_EQ(light(satisfaction, 85.0), Light::green);
  EXPECT_EQ(light(satisfaction, 80.0), Light::amber);
  EXPECT_EQ(light(satisfaction, 79.0), Light::red);
  const auto& respond = definition(Kpi::response_time);  // ≤ 8 h, amber up to 12 h
  EXPECT_EQ(light(respond, 8.0), Light::green);
  EXPECT_EQ(light(respond, 12.0), Light::amber);
  EXPECT_EQ(light(respond, 12.01), Light::red);
  EXPECT_EQ(light(respond, std::nullopt), Light::none);
}

TEST(Kpi, EveryDefinitionIsBilingualAndNamed) {
  EXPECT_EQ(definitions().size(), 7u);
  for (const auto& d : definitions()) {
    EXPECT_EQ(parse_kpi(d.slug), d.kpi);
    EXPECT_FALSE(d.name_zh.empty());
    EXPECT_FALSE(d.definition_zh.empty());
    EXPECT_FALSE(d.definition_en.empty());
  }
  EXPECT_FALSE(parse_tally("satisfaction"));  // fed by surveys, not by work orders
  EXPECT_EQ(parse_tally("on_time"), Tally::on_time);
}

TEST(Kpi, MonthsAreInChinaTime) {
  EXPECT_EQ(month_of(*parse_rfc3339("2026-10-31T15:59:59Z")), "2026-10");
  EXPECT_EQ(month_of(*parse_rfc3339("2026-10-31T16:00:00Z")), "2026-11");
  const auto m = parse_month("2026-12");
  ASSERT_TRUE(m);
  EXPECT_EQ(format_rfc3339(month_start(*m)), "2026-11-30T16:00:00Z");
  EXPECT_EQ(format_rfc3339(next_month_start(*m)), "2026-12-31T16:00:00Z");
  EXPECT_FALSE(parse_month("2026-13"));
  EXPECT_FALSE(parse_month("2026-1"));
  EXPECT_FALSE(parse_month("26-10-01"));
  EXPECT_FALSE(parse_month("abcd-10"));
}

}  // namespace
}  // namespace fuwu::kpi
