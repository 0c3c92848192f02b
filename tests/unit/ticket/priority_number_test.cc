#include <gtest/gtest.h>

#include "domain/ticket/number.h"
#include "domain/ticket/priority.h"

namespace fuwu::ticket {
namespace {

TEST(Priority, DefaultMatrix) {
  PriorityMatrix m;
  ASSERT_TRUE(validate_matrix(m).ok());
  EXPECT_EQ(*priority_of(m, 1, 1), 1);
  EXPECT_EQ(*priority_of(m, 1, 3), 3);
  EXPECT_EQ(*priority_of(m, 2, 2), 3);
  EXPECT_EQ(*priority_of(m, 3, 3), 4);
  auto bad = priority_of(m, 0, 4);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
}

TEST(Priority, ConfiguredMatricesAreChecked) {
  EXPECT_FALSE(validate_matrix({{{1, 2}, {3}}}).ok());
  EXPECT_FALSE(validate_matrix({{{1, 5}}}).ok());
  EXPECT_FALSE(validate_matrix({{}}).ok());
  PriorityMatrix four{{{1, 1, 2, 3}, {1, 2, 3, 4}, {2, 3, 4, 4}, {3, 4, 4, 4}}};
  ASSERT_TRUE(validate_matrix(four).ok());
  EXPECT_EQ(*priority_of(four, 4, 1), 3);
}

TEST(Number, FormatsAndParses) {
  EXPECT_EQ(format_number("INC", 2026, 42), "INC-2026-000042");
  EXPECT_EQ(format_number("WO", 2026, 1234567), "WO-2026-1234567");
  auto p = parse_number("REQ-2026-000007");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->prefix, "REQ");
  EXPECT_EQ(p->year, 2026);
  EXPECT_EQ(p->sequence, 7);
  EXPECT_FALSE(parse_number("inc-2026-000042"));
  EXPECT_FALSE(parse_number("INC-26-000042"));
  EXPECT_FALSE(parse_number("INC-2026-42"));
  EXPECT_FALSE(parse_number("INC-2026-00004x"));
}

}  // namespace
}  // namespace fuwu::ticket
