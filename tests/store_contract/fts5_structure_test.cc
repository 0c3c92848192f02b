// lift_segments (store/sqlite/fts5_structure.h) on hand-made structure records; the seed test
// (tests/integration/seed_test.cc) shows what it is for on a real index.
#include <gtest/gtest.h>

#include <string>

#include "store/sqlite/fts5_structure.h"

namespace fuwu::store::sqlite {
namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b)
    s += static_cast<char>(c);
  return s;
}

TEST(Fts5Structure, LiftsOneSegmentToTheLevelAndAdvancesTheCookie) {
  // cookie 1; 1 level, 1 segment, write counter 300 (82 2C); level 0: none merging, 1 segment:
  // id 1, pages 1 to 29592 (81 E7 18).
  const std::string one = bytes({0, 0, 0, 1, 1, 1, 0x82, 0x2C, 0, 1, 1, 1, 0x81, 0xE7, 0x18});
  EXPECT_EQ(lift_segments(one, 2),
            bytes({0, 0, 0, 2, 3, 1, 0x82, 0x2C, 0, 0, 0, 0, 0, 1, 1, 1, 0x81, 0xE7, 0x18}));
}

TEST(Fts5Structure, LiftsSeveralSegmentsOnePerLevelTheOldestHighest) {
  // Two levels: level 0 holds segments 3 then 4 (4 the newest), level 1 holds segment 2.
  const std::string two = bytes({0, 0, 1, 0, 2, 3, 5, 0, 2, 3, 1, 9, 4, 10, 12, 0, 1, 2, 13, 20});
  EXPECT_EQ(lift_segments(two, 1), bytes({0, 0, 1, 1,  4,  3, 5, 0, 0,  // level 0: empty
                                          0, 1, 4, 10, 12,              // level 1: the newest
                                          0, 1, 3, 1,  9,               // level 2
                                          0, 1, 2, 13, 20}));           // level 3: the oldest
}

TEST(Fts5Structure, LeavesAloneWhatItDoesNotKnow) {
  // A merge under way on level 0.
  EXPECT_EQ(lift_segments(bytes({0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 5}), 3), std::nullopt);
  // Trailing bytes, a truncated record, the newer record format, no segment at all.
  EXPECT_EQ(lift_segments(bytes({0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 5, 7}), 3), std::nullopt);
  EXPECT_EQ(lift_segments(bytes({0, 0, 0, 1, 1, 1, 0, 0, 1, 1}), 3), std::nullopt);
  EXPECT_EQ(lift_segments(bytes({0xff, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 5}), 3), std::nullopt);
  EXPECT_EQ(lift_segments(bytes({0, 0, 0, 1, 1, 0, 0, 0, 0}), 3), std::nullopt);
}

TEST(Fts5Structure, TheLevelOfASegmentGrowsWithLog4OfItsPages) {
  EXPECT_EQ(level_for_pages(0), 1);
  EXPECT_EQ(level_for_pages(15), 1);
  EXPECT_EQ(level_for_pages(16), 2);
  EXPECT_EQ(level_for_pages(29592), 7);
  EXPECT_EQ(level_for_pages(100000), 8);
}

}  // namespace
}  // namespace fuwu::store::sqlite
