#include "base/time.h"

#include <gtest/gtest.h>

namespace fuwu {
namespace {

TEST(Time, CivilDaysRoundTripOverFourCenturies) {
  for (std::int64_t d = -200000; d <= 200000; d += 7) {
    EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  }
  EXPECT_EQ(days_from_civil(Date{1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil(Date{2000, 3, 1}), 11017);
}

TEST(Time, IsoWeekday) {
  EXPECT_EQ(iso_weekday(Date{2026, 11, 22}), 6);  // Sunday
  EXPECT_EQ(iso_weekday(Date{2025, 1, 26}), 6);   // a Sunday make-up working day
  EXPECT_EQ(iso_weekday(Date{2024, 2, 29}), 3);   // Thursday
}

TEST(Time, ParsesAndFormatsRfc3339WithOffsets) {
  auto t = parse_rfc3339("2026-10-09T10:00:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc3339(*t), "2026-10-09T02:00:00Z");
  EXPECT_EQ(format_rfc3339(*t, 8 * 3600), "2026-10-09T10:00:00+08:00");
  EXPECT_EQ(format_rfc3339(*t, -5 * 3600 - 1800), "2026-10-08T20:30:00-05:30");
  EXPECT_EQ(parse_rfc3339("2026-10-09T02:00:00.999Z"), t);
  EXPECT_FALSE(parse_rfc3339("2026-10-09T10:00:00"));   // no offset
  EXPECT_FALSE(parse_rfc3339("2026-02-30T10:00:00Z"));  // no such date
  EXPECT_FALSE(parse_rfc3339("2026-10-09T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-10-09T10:00:00+08:00x"));
}

TEST(Time, FormatsEveryFieldWithItsZeros) {
  EXPECT_EQ(format_rfc3339(Instant::from_unix(-1)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_rfc3339(Instant::from_unix(0), 0, false), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("0999-03-04T05:06:07Z")), "0999-03-04T05:06:07Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("9999-12-31T23:59:59Z"), 14 * 3600 + 45 * 60),
            "10000-01-01T14:44:59+14:45");
  // Parsing what was formatted gives the instant back, at any offset.
  for (std::int64_t u = -86400LL * 400; u < 86400LL * 365 * 90; u += 86400LL * 13 + 3607) {
    for (const int offset : {0, 8 * 3600, -9 * 3600 - 1800}) {
      const std::string text = format_rfc3339(Instant::from_unix(u), offset);
      ASSERT_EQ(text.size(), offset == 0 ? 20u : 25u) << text;
      EXPECT_EQ(parse_rfc3339(text), Instant::from_unix(u)) << text;
    }
  }
}

TEST(Time, DatesAndTimesOfDay) {
  EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_FALSE(parse_date("2025-1-01"));
  EXPECT_EQ(format_date(Date{2026, 1, 5}), "2026-01-05");
  EXPECT_EQ(parse_time_of_day("24:00")->seconds, 86400);
  EXPECT_FALSE(parse_time_of_day("24:01"));
  EXPECT_EQ(format_time_of_day(TimeOfDay::hm(9, 30)), "09:30");
}

}  // namespace
}  // namespace fuwu
