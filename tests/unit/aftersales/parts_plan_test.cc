#include <gtest/gtest.h>

#include "domain/aftersales/parts_plan.h"

namespace fuwu::aftersales {
namespace {

PartDemandInput starter() {
  return {.part_id = 1,
          .number = "QDJ-12V",
          .name_zh = "启动机, 12V",
          .unit = "个",
          .price_cents = 48000,
          .monthly_consumption = {2, 0, 3, 1, 4, 2},
          .on_hand = 5,
          .reserved = 2,
          .safety = 2};
}

TEST(PartsPlan, ForecastIsTheAverageRoundedUp) {
  const auto l = plan_part(starter());
  EXPECT_DOUBLE_EQ(l.average, 2.0);
  EXPECT_EQ(l.forecast, 2);
  EXPECT_EQ(l.available, 3);
  EXPECT_EQ(l.suggested, 1);  // 2 + 2 − 3
  EXPECT_EQ(l.amount_cents, 48000);
  EXPECT_NE(l.explanation_zh.find("建议采购 1"), std::string::npos) << l.explanation_zh;
  EXPECT_NE(l.explanation_en.find("12 used in 6 months"), std::string::npos) << l.explanation_en;
  auto in = starter();
  in.monthly_consumption = {1, 0, 0};
  EXPECT_EQ(plan_part(in).forecast, 1);  // 1/3 rounds up
}

TEST(PartsPlan, NothingToBuyWhenStockCovers) {
  auto in = starter();
  in.on_hand = 40;
  EXPECT_EQ(plan_part(in).suggested, 0);
  in.monthly_consumption.clear();
  in.on_hand = 0;
  in.reserved = 0;
  in.safety = 0;
  EXPECT_EQ(plan_part(in).suggested, 0);
}

TEST(PartsPlan, LotsRoundUp) {
  auto in = starter();
  in.lot = 10;
  EXPECT_EQ(plan_part(in).suggested, 10);
  in.reserved = 5;  // available 0, need 4 → one lot
  EXPECT_EQ(plan_part(in).suggested, 10);
  EXPECT_NE(plan_part(in).explanation_en.find("lots of 10"), std::string::npos);
}

TEST(PartsPlan, CsvQuotesAndKeepsChinese) {
  DemandPlan plan{.month = "2026-08", .lines = {plan_part(starter())}};
  const auto csv = demand_plan_csv(plan);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\r\n2026-08,QDJ-12V,\"启动机, 12V\",个,,2.0,2,5,2,3,2,1,480.00,480.00,"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv_field("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(csv_field("plain"), "plain");
}

}  // namespace
}  // namespace fuwu::aftersales
