#include <gtest/gtest.h>

#include "domain/aftersales/quote.h"

namespace fuwu::aftersales {
namespace {

TEST(Quote, LabourPartsTravelAndTax) {
  const std::vector<QuoteLine> lines = {
      {LineKind::labour, "工时", 2500, 8000},   // 2.5 h × 80.00 = 200.00
      {LineKind::part, "启动机", 1000, 48000},  // 480.00
      {LineKind::travel, "差旅", 37400, 150},   // 37.4 km × 1.50 = 56.10
  };
  auto t = quote_totals(lines, 1300);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->line_amounts, (std::vector<std::int64_t>{20000, 48000, 5610}));
  EXPECT_EQ(t->subtotal, 73610);
  EXPECT_EQ(t->tax, 9569);  // 956.93 → 95.69 rounded half up
  EXPECT_EQ(t->total, 83179);
}

TEST(Quote, RoundsHalfUpPerLine) {
  auto t = quote_totals({{LineKind::other, "x", 1500, 3}}, 0);  // 4.5 fen
  EXPECT_EQ(t->line_amounts[0], 5);
  EXPECT_EQ(t->tax, 0);
}

TEST(Quote, LargeValuesDoNotOverflow) {
  std::vector<QuoteLine> lines(200, {LineKind::part, "p", 1'000'000'000, 10'000'000'000});
  auto t = quote_totals(lines, 10000);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->subtotal, 2'000'000'000'000'000'000LL);  // 200 × 10^6 × 10^10 fen
  EXPECT_EQ(t->total, 2 * t->subtotal);
}

TEST(Quote, BadInputIsNamed) {
  auto none = quote_totals({}, 1300);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().fields.at(0).field, "lines");
  auto bad = quote_totals({{LineKind::labour, "", 0, -1}}, 20000);
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields)
    fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"tax_rate_bp", "lines/0/quantity", "lines/0/unit_price"}));
}

}  // namespace
}  // namespace fuwu::aftersales
