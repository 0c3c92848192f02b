// Worked examples of the calendar contract on the shipped china-mainland and 24x7 calendars.
#include <gtest/gtest.h>

#include <algorithm>

#include "unit/calendar/calendar_test_util.h"

namespace fuwu::calendar {
namespace {

using testing::always;
using testing::at;
using testing::china;
using testing::days_text;
using testing::deadline_text;

constexpr Duration kHour = Duration::of_hours(1);

TEST(ChinaMainland, SegmentEndStaysAtSegmentEnd) {
  // Monday 2025-03-03: 3 h before lunch + 5 h after = 8 h, reached exactly at 18:00.
  EXPECT_EQ(deadline_text(china(), "2025-03-03T09:00:00+08:00", Duration::of_hours(8)),
            "2025-03-03T18:00:00+08:00");
  EXPECT_EQ(deadline_text(china(), "2025-03-03T09:00:00+08:00", Duration::of_hours(3)),
            "2025-03-03T12:00:00+08:00");
}

TEST(ChinaMainland, LunchBreakIsSkipped) {
  EXPECT_EQ(deadline_text(china(), "2025-03-03T11:30:00+08:00", kHour),
            "2025-03-03T13:30:00+08:00");
  // A start inside the lunch break counts from 13:00.
  EXPECT_EQ(deadline_text(china(), "2025-03-03T12:20:00+08:00", kHour),
            "2025-03-03T14:00:00+08:00");
  EXPECT_EQ(
      china().between(at("2025-03-03T11:00:00+08:00"), at("2025-03-03T14:00:00+08:00"))->seconds,
      2 * 3600);
  EXPECT_FALSE(china().is_working(at("2025-03-03T12:00:00+08:00")));
  EXPECT_TRUE(china().is_working(at("2025-03-03T11:59:59+08:00")));
  EXPECT_TRUE(china().is_working(at("2025-03-03T13:00:00+08:00")));
  EXPECT_FALSE(china().is_working(at("2025-03-03T18:00:00+08:00")));
}

TEST(ChinaMainland, ZeroDurationReturnsStartUnchanged) {
  EXPECT_EQ(deadline_text(china(), "2025-10-03T03:17:09+08:00", Duration{}),
            "2025-10-03T03:17:09+08:00");
}

TEST(ChinaMainland, SpringFestival2025) {
  // 春节 2025-01-28..02-04; 1 h on Monday 27th, then 7 h on Wednesday 5 February.
  EXPECT_EQ(deadline_text(china(), "2025-01-27T17:00:00+08:00", Duration::of_hours(8)),
            "2025-02-05T17:00:00+08:00");
  // Start inside the holiday counts from the first working morning.
  EXPECT_EQ(deadline_text(china(), "2025-01-30T10:00:00+08:00", kHour),
            "2025-02-05T10:00:00+08:00");
  // Make-up days: Sunday 26 January and Saturday 8 February work Monday's hours.
  EXPECT_EQ(deadline_text(china(), "2025-01-26T10:00:00+08:00", Duration::of_hours(3)),
            "2025-01-26T14:00:00+08:00");
  EXPECT_EQ(deadline_text(china(), "2025-02-07T17:00:00+08:00", Duration::of_hours(2)),
            "2025-02-08T10:00:00+08:00");
  EXPECT_EQ(days_text(china(), "2025-01-24T10:00:00+08:00", 2), "2025-01-27T18:00:00+08:00");
}

TEST(ChinaMainland, SpringFestival2026) {
  // 春节 2026-02-15..02-23, make-up Saturday 14 February and Saturday 28 February.
  EXPECT_EQ(deadline_text(china(), "2026-02-13T17:00:00+08:00", Duration::of_hours(2)),
            "2026-02-14T10:00:00+08:00");
  EXPECT_EQ(deadline_text(china(), "2026-02-14T17:00:00+08:00", Duration::of_hours(2)),
            "2026-02-24T10:00:00+08:00");
  EXPECT_EQ(days_text(china(), "2026-02-13T09:00:00+08:00", 1), "2026-02-14T18:00:00+08:00");
  EXPECT_EQ(days_text(china(), "2026-02-13T09:00:00+08:00", 2), "2026-02-24T18:00:00+08:00");
}

TEST(ChinaMainland, NationalDayMergedWithMidAutumn2025) {
  // 国庆节、中秋节 2025-10-01..10-08; 2 h on 30 September, 2 h on Thursday 9 October.
  EXPECT_EQ(deadline_text(china(), "2025-09-30T16:00:00+08:00", Duration::of_hours(4)),
            "2025-10-09T11:00:00+08:00");
  // Five working days from Friday 26 September: Sun 28 (make-up), Mon 29, Tue 30, Thu 9, Fri 10.
  EXPECT_EQ(days_text(china(), "2025-09-26T15:00:00+08:00", 5), "2025-10-10T18:00:00+08:00");
  EXPECT_EQ(days_text(china(), "2025-09-26T15:00:00+08:00", 6), "2025-10-11T18:00:00+08:00");
}

TEST(ChinaMainland, NationalDay2026) {
  // 国庆节 2026-10-01..10-07; Thursday 8 October works; 1 h + 8 h + 1 h.
  EXPECT_EQ(deadline_text(china(), "2026-09-30T17:00:00+08:00", Duration::of_hours(10)),
            "2026-10-09T10:00:00+08:00");
  EXPECT_EQ(deadline_text(china(), "2026-10-05T09:00:00+08:00", kHour),
            "2026-10-08T10:00:00+08:00");
  EXPECT_TRUE(china().is_working(at("2026-10-10T09:00:00+08:00")));  // make-up Saturday
}

TEST(ChinaMainland, YearEnds) {
  // 2025-12-31 17:00 + 2 h: 元旦 2026-01-01..03, make-up Sunday 4 January.
  EXPECT_EQ(deadline_text(china(), "2025-12-31T17:00:00+08:00", Duration::of_hours(2)),
            "2026-01-04T10:00:00+08:00");
  // 2024-12-31 is a Tuesday; 元旦 2025 is one day.
  EXPECT_EQ(deadline_text(china(), "2024-12-31T17:00:00+08:00", Duration::of_hours(2)),
            "2025-01-02T10:00:00+08:00");
}

TEST(ChinaMainland, BeyondCoveredYearsIsFlagged) {
  Explanation why;
  auto r = china().deadline(at("2026-12-31T17:00:00+08:00"), Duration::of_hours(2), &why);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(china().format(*r), "2027-01-01T10:00:00+08:00");  // weekly pattern only
  EXPECT_TRUE(std::any_of(why.begin(), why.end(), [](const Step& s) {
    return s.kind == Step::Kind::beyond_coverage && s.date.year == 2027;
  }));
  Explanation inside;
  ASSERT_TRUE(china().deadline(at("2026-03-02T09:00:00+08:00"), kHour, &inside).ok());
  EXPECT_TRUE(std::none_of(inside.begin(), inside.end(),
                           [](const Step& s) { return s.kind == Step::Kind::beyond_coverage; }));
}

TEST(ChinaMainland, CoverageEndingIsReportedFrom60DaysBefore) {
  EXPECT_FALSE(days_until_coverage_ends(china(), at("2026-10-31T00:00:00+08:00")).has_value());
  EXPECT_EQ(days_until_coverage_ends(china(), at("2026-11-02T00:00:00+08:00")), 60);
  EXPECT_EQ(days_until_coverage_ends(china(), at("2026-12-31T12:00:00+08:00")), 0);
  EXPECT_EQ(days_until_coverage_ends(china(), at("2027-03-01T00:00:00+08:00")), 0);
  EXPECT_FALSE(days_until_coverage_ends(always(), at("2027-03-01T00:00:00Z")).has_value());
}

TEST(ChinaMainland, InstantsInOtherOffsets) {
  // 01:00Z is 09:00 in Shanghai; the result is written in the calendar's zone.
  EXPECT_EQ(deadline_text(china(), "2025-02-05T01:00:00Z", kHour), "2025-02-05T10:00:00+08:00");
  EXPECT_EQ(deadline_text(china(), "2025-02-04T20:30:00-05:00", kHour),
            "2025-02-05T10:30:00+08:00");
  EXPECT_EQ(china().between(at("2025-03-03T01:00:00Z"), at("2025-03-03T05:00:00+01:00"))->seconds,
            3 * 3600);
}

TEST(ChinaMainland, EveryMakeupDayWorksMondayHours) {
  ASSERT_EQ(china().spec().makeup_days.size(), 19u);
  for (const MakeupDay& m : china().spec().makeup_days) {
    SCOPED_TRACE(format_date(m.date));
    EXPECT_GE(iso_weekday(m.date), 5);  // all are weekend dates
    Instant midnight = china().zone().from_local(m.date, TimeOfDay{0});
    EXPECT_EQ(china().between(midnight, midnight + Duration::of_hours(24))->seconds, 8 * 3600);
    EXPECT_TRUE(china().is_working(china().zone().from_local(m.date, TimeOfDay::hm(9, 0))));
    EXPECT_FALSE(china().is_working(china().zone().from_local(m.date, TimeOfDay::hm(12, 30))));
    DayInfo info = china().day(m.date);
    EXPECT_EQ(info.reason, DayReason::makeup_day);
    EXPECT_FALSE(info.name_zh.empty());
    // Starting on a make-up day at 09:00 reaches 8 h at its 18:00.
    EXPECT_EQ(china().deadline(midnight, Duration::of_hours(8)).value(),
              china().zone().from_local(m.date, TimeOfDay::hm(18, 0)));
  }
}

TEST(ChinaMainland, EveryHolidayDateIsOff) {
  for (const Holiday& h : china().spec().holidays) {
    for (Date d = h.from; d <= h.to; d = add_days(d, 1)) {
      Instant midnight = china().zone().from_local(d, TimeOfDay{0});
      EXPECT_EQ(china().between(midnight, midnight + Duration::of_hours(24))->seconds, 0)
          << format_date(d);
      EXPECT_EQ(china().day(d).reason, DayReason::holiday);
    }
  }
}

TEST(ChinaMainland, WorkingDaysPerYear) {
  for (auto [year, expected] : {std::pair{2024, 251}, {2025, 248}, {2026, 248}}) {
    Instant a = china().zone().from_local(Date{year, 1, 1}, TimeOfDay{0});
    Instant b = china().zone().from_local(Date{year + 1, 1, 1}, TimeOfDay{0});
    EXPECT_EQ(china().between(a, b)->seconds, expected * 8 * 3600) << year;
  }
}

TEST(ChinaMainland, ExplanationNamesHolidaysAndMakeupDays) {
  Explanation why;
  ASSERT_TRUE(china().deadline(at("2025-01-24T17:00:00+08:00"), Duration::of_hours(20), &why).ok());
  auto has = [&](Step::Kind k, std::string_view name) {
    return std::any_of(why.begin(), why.end(), [&](const Step& s) {
      return s.kind == k && (name.empty() || s.name_zh == name);
    });
  };
  EXPECT_TRUE(has(Step::Kind::makeup_day, "春节调休上班"));
  EXPECT_TRUE(has(Step::Kind::skipped, "春节"));
  EXPECT_TRUE(has(Step::Kind::skipped, "休息日"));
  auto holiday =
      std::find_if(why.begin(), why.end(), [](const Step& s) { return s.name_zh == "春节"; });
  ASSERT_NE(holiday, why.end());
  EXPECT_EQ(format_date(holiday->date), "2025-01-28");
  EXPECT_EQ(format_date(holiday->last_date), "2025-02-04");
  std::int64_t counted = 0;
  for (const Step& s : why)
    if (s.kind == Step::Kind::counted) counted += s.seconds;
  EXPECT_EQ(counted, 20 * 3600);
  EXPECT_EQ(why.front().kind, Step::Kind::start);
  EXPECT_EQ(why.back().kind, Step::Kind::end);
}

TEST(ChinaMainland, ErrorsAreValues) {
  EXPECT_FALSE(china().deadline(at("2025-01-01T00:00:00Z"), Duration{-1}).ok());
  EXPECT_FALSE(china().deadline_days(at("2025-01-01T00:00:00Z"), -1).ok());
  auto far = china().deadline(at("2200-01-01T00:00:00Z"), kHour);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(far.error().subject, "calendar_range");
  EXPECT_EQ(china().between(at("2025-03-04T00:00:00Z"), at("2025-03-03T00:00:00Z"))->seconds, 0);
}

TEST(AlwaysWorking, IsExactlyStartPlusDuration) {
  Instant s = at("2025-12-31T23:59:59+08:00");
  EXPECT_EQ(always().deadline(s, Duration{2}).value(), s + Duration{2});
  EXPECT_EQ(always().deadline(s, Duration::of_hours(1000)).value(), s + Duration::of_hours(1000));
  EXPECT_EQ(always().between(s, s + Duration{86400 * 3 + 1})->seconds, 86400 * 3 + 1);
  EXPECT_TRUE(always().is_working(at("2026-01-01T00:00:00Z")));
  EXPECT_EQ(days_text(always(), "2026-01-01T10:00:00Z", 2), "2026-01-04T00:00:00+00:00");
}

TEST(Validation, RejectsBadSpecs) {
  CalendarSpec spec = china_mainland_spec();
  spec.weekly[0] = {{TimeOfDay::hm(9, 0), TimeOfDay::hm(12, 0)},
                    {TimeOfDay::hm(11, 0), TimeOfDay::hm(13, 0)}};
  spec.makeup_days.push_back(MakeupDay{Date{2025, 1, 28}, 0, "clash with 春节"});
  spec.id.clear();
  Status st = validate(spec);
  ASSERT_FALSE(st.ok());
  std::vector<std::string> codes;
  for (const FieldError& f : st.error().fields)
    codes.push_back(f.code);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "overlap"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "duplicate_date"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "required"), codes.end());
}

TEST(SpecialDays, HalfDayHasOwnSegments) {
  CalendarSpec spec = china_mainland_spec();
  spec.special_days.push_back(
      SpecialDay{Date{2025, 3, 7}, "妇女节半天", {{TimeOfDay::hm(9, 0), TimeOfDay::hm(12, 0)}}});
  auto cal = Calendar::create(spec, TimeZone::fixed("Asia/Shanghai", 8 * 3600));
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(deadline_text(*cal, "2025-03-07T11:00:00+08:00", Duration::of_hours(2)),
            "2025-03-10T10:00:00+08:00");
  EXPECT_EQ(cal->day(Date{2025, 3, 7}).reason, DayReason::special_day);
}

}  // namespace
}  // namespace fuwu::calendar
