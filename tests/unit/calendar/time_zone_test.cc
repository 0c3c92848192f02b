// TimeZone: TZif parsing, POSIX footer rules, local <-> UTC, against vectors from Python's
// zoneinfo.
#include "domain/calendar/time_zone.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "app/calendar/zone_loader.h"
#include "unit/calendar/calendar_test_util.h"

namespace fuwu::calendar {
namespace {

using testing::at;

struct Vector {
  const char* zone;
  std::int64_t unix_seconds;
  int offset;
};

// Generated with Python 3.11 zoneinfo on Debian 12 (same tzdata as the system zoneinfo).
constexpr Vector kVectors[] = {
    {"Europe/Berlin", 0, 3600},
    {"Europe/Berlin", 1774745999, 3600},
    {"Europe/Berlin", 1774746000, 7200},
    {"Europe/Berlin", 1792889999, 7200},
    {"Europe/Berlin", 1792890000, 3600},
    {"Europe/Berlin", 1772953199, 3600},
    {"Europe/Berlin", 1772953200, 3600},
    {"Europe/Berlin", 1793512799, 3600},
    {"Europe/Berlin", 1793512800, 3600},
    {"Europe/Berlin", 600000000, 3600},
    {"Europe/Berlin", 2000000000, 7200},
    {"Europe/Berlin", 4685818424, 7200},
    {"Europe/Berlin", -352107721, 3600},
    {"Europe/Berlin", 1795742288, 3600},
    {"Europe/Berlin", 3606078771, 7200},
    {"Europe/Berlin", 1301595691, 7200},
    {"Europe/Berlin", 4865589240, 3600},
    {"Europe/Berlin", 3544070773, 7200},
    {"Europe/Berlin", 1179419893, 7200},
    {"Europe/Berlin", -838957352, 7200},
    {"Europe/Berlin", 862494042, 7200},
    {"Europe/Berlin", -699973233, 3600},
    {"Europe/Berlin", 3684576729, 7200},
    {"America/New_York", 0, -18000},
    {"America/New_York", 1774745999, -14400},
    {"America/New_York", 1774746000, -14400},
    {"America/New_York", 1792889999, -14400},
    {"America/New_York", 1792890000, -14400},
    {"America/New_York", 1772953199, -18000},
    {"America/New_York", 1772953200, -14400},
    {"America/New_York", 1793512799, -14400},
    {"America/New_York", 1793512800, -18000},
    {"America/New_York", 600000000, -18000},
    {"America/New_York", 2000000000, -14400},
    {"America/New_York", 823296038, -18000},
    {"America/New_York", 3826692643, -14400},
    {"America/New_York", 4253771353, -14400},
    {"America/New_York", 3070378921, -14400},
    {"America/New_York", 703729684, -14400},
    {"America/New_York", 3192983756, -18000},
    {"America/New_York", 3495038384, -14400},
    {"America/New_York", 2687093963, -18000},
    {"America/New_York", 243862422, -14400},
    {"America/New_York", 3914538148, -18000},
    {"America/New_York", 3800881088, -14400},
    {"America/New_York", 4619886648, -14400},
    {"Asia/Shanghai", 0, 28800},
    {"Asia/Shanghai", 1774745999, 28800},
    {"Asia/Shanghai", 1774746000, 28800},
    {"Asia/Shanghai", 1792889999, 28800},
    {"Asia/Shanghai", 1792890000, 28800},
    {"Asia/Shanghai", 1772953199, 28800},
    {"Asia/Shanghai", 1772953200, 28800},
    {"Asia/Shanghai", 1793512799, 28800},
    {"Asia/Shanghai", 1793512800, 28800},
    {"Asia/Shanghai", 600000000, 28800},
    {"Asia/Shanghai", 2000000000, 28800},
    {"Asia/Shanghai", -223786101, 28800},
    {"Asia/Shanghai", 1744112455, 28800},
    {"Asia/Shanghai", 599435267, 28800},
    {"Asia/Shanghai", 3564643895, 28800},
    {"Asia/Shanghai", 3550952372, 28800},
    {"Asia/Shanghai", -115414049, 28800},
    {"Asia/Shanghai", 349251823, 28800},
    {"Asia/Shanghai", 946412080, 28800},
    {"Asia/Shanghai", 287489453, 28800},
    {"Asia/Shanghai", 2411833895, 28800},
    {"Asia/Shanghai", 48386555, 28800},
    {"Asia/Shanghai", 1467131055, 28800},
    {"Australia/Sydney", 0, 36000},
    {"Australia/Sydney", 1774745999, 39600},
    {"Australia/Sydney", 1774746000, 39600},
    {"Australia/Sydney", 1792889999, 39600},
    {"Australia/Sydney", 1792890000, 39600},
    {"Australia/Sydney", 1772953199, 39600},
    {"Australia/Sydney", 1772953200, 39600},
    {"Australia/Sydney", 1793512799, 39600},
    {"Australia/Sydney", 1793512800, 39600},
    {"Australia/Sydney", 600000000, 39600},
    {"Australia/Sydney", 2000000000, 36000},
    {"Australia/Sydney", 1255701793, 39600},
    {"Australia/Sydney", 2758686919, 36000},
    {"Australia/Sydney", 2132943648, 36000},
    {"Australia/Sydney", 4531650568, 36000},
    {"Australia/Sydney", 3209818936, 36000},
    {"Australia/Sydney", 3802055952, 36000},
    {"Australia/Sydney", 795823848, 36000},
    {"Australia/Sydney", 2251895551, 36000},
    {"Australia/Sydney", 3947735893, 39600},
    {"Australia/Sydney", 1100080514, 39600},
    {"Australia/Sydney", 3463361175, 39600},
    {"Australia/Sydney", 1869965264, 36000},
    {"America/Sao_Paulo", 0, -10800},
    {"America/Sao_Paulo", 1774745999, -10800},
    {"America/Sao_Paulo", 1774746000, -10800},
    {"America/Sao_Paulo", 1792889999, -10800},
    {"America/Sao_Paulo", 1792890000, -10800},
    {"America/Sao_Paulo", 1772953199, -10800},
    {"America/Sao_Paulo", 1772953200, -10800},
    {"America/Sao_Paulo", 1793512799, -10800},
    {"America/Sao_Paulo", 1793512800, -10800},
    {"America/Sao_Paulo", 600000000, -7200},
    {"America/Sao_Paulo", 2000000000, -10800},
    {"America/Sao_Paulo", 347535308, -10800},
    {"America/Sao_Paulo", 1986270863, -10800},
    {"America/Sao_Paulo", 1552799181, -10800},
    {"America/Sao_Paulo", 959386986, -10800},
    {"America/Sao_Paulo", 2607634174, -10800},
    {"America/Sao_Paulo", 3057374422, -10800},
    {"America/Sao_Paulo", 1852512026, -10800},
    {"America/Sao_Paulo", 3555540491, -10800},
    {"America/Sao_Paulo", 2012885302, -10800},
    {"America/Sao_Paulo", 2530140069, -10800},
    {"America/Sao_Paulo", 4517295791, -10800},
    {"America/Sao_Paulo", 4951928911, -10800},
    {"Europe/London", 0, 3600},
    {"Europe/London", 1774745999, 0},
    {"Europe/London", 1774746000, 3600},
    {"Europe/London", 1792889999, 3600},
    {"Europe/London", 1792890000, 0},
    {"Europe/London", 1772953199, 0},
    {"Europe/London", 1772953200, 0},
    {"Europe/London", 1793512799, 0},
    {"Europe/London", 1793512800, 0},
    {"Europe/London", 600000000, 0},
    {"Europe/London", 2000000000, 3600},
    {"Europe/London", 1871841566, 3600},
    {"Europe/London", 3391874311, 3600},
    {"Europe/London", 982966162, 0},
    {"Europe/London", 4016729574, 3600},
    {"Europe/London", -497077384, 0},
    {"Europe/London", -746792704, 3600},
    {"Europe/London", 2299535553, 0},
    {"Europe/London", 3850479311, 0},
    {"Europe/London", 63497603, 0},
    {"Europe/London", 4974083484, 3600},
    {"Europe/London", 2742728880, 0},
    {"Europe/London", -653905945, 3600},
    {"Asia/Kolkata", 0, 19800},
    {"Asia/Kolkata", 1774745999, 19800},
    {"Asia/Kolkata", 1774746000, 19800},
    {"Asia/Kolkata", 1792889999, 19800},
    {"Asia/Kolkata", 1792890000, 19800},
    {"Asia/Kolkata", 1772953199, 19800},
    {"Asia/Kolkata", 1772953200, 19800},
    {"Asia/Kolkata", 1793512799, 19800},
    {"Asia/Kolkata", 1793512800, 19800},
    {"Asia/Kolkata", 600000000, 19800},
    {"Asia/Kolkata", 2000000000, 19800},
    {"Asia/Kolkata", 929245186, 19800},
    {"Asia/Kolkata", 1359826449, 19800},
    {"Asia/Kolkata", 2794104665, 19800},
    {"Asia/Kolkata", 2518780121, 19800},
    {"Asia/Kolkata", 4490776653, 19800},
    {"Asia/Kolkata", 4835877696, 19800},
    {"Asia/Kolkata", 2797579269, 19800},
    {"Asia/Kolkata", 3113424221, 19800},
    {"Asia/Kolkata", -351799619, 19800},
    {"Asia/Kolkata", -243150608, 19800},
    {"Asia/Kolkata", 4291214454, 19800},
    {"Asia/Kolkata", 2170858, 19800},
};

TEST(TimeZone, OffsetsMatchPythonZoneinfo) {
  for (const Vector& v : kVectors) {
    auto z = load_zone(v.zone);
    ASSERT_TRUE(z.ok()) << v.zone;
    EXPECT_EQ(z->offset_at(Instant::from_unix(v.unix_seconds)), v.offset)
        << v.zone << " at " << v.unix_seconds;
  }
}

TEST(TimeZone, ShanghaiIsFixedPlusEight) {
  auto z = load_zone("Asia/Shanghai");
  ASSERT_TRUE(z.ok());
  for (std::int64_t t = 1262304000; t < 4102444800; t += 86400 * 7 + 3601)
    ASSERT_EQ(z->offset_at(Instant::from_unix(t)), 28800);
  EXPECT_EQ(z->from_local(Date{2026, 10, 9}, TimeOfDay::hm(10, 0)),
            at("2026-10-09T10:00:00+08:00"));
}

TEST(TimeZone, BerlinGapAndOverlap) {
  auto z = load_zone("Europe/Berlin");
  ASSERT_TRUE(z.ok());
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and moves forward.
  EXPECT_EQ(z->from_local(Date{2026, 3, 29}, TimeOfDay::hm(2, 30)),
            at("2026-03-29T03:30:00+02:00"));
  EXPECT_EQ(z->from_local(Date{2026, 3, 29}, TimeOfDay::hm(1, 59)),
            at("2026-03-29T01:59:00+01:00"));
  EXPECT_EQ(z->from_local(Date{2026, 3, 29}, TimeOfDay::hm(3, 0)), at("2026-03-29T03:00:00+02:00"));
  // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 occurs twice, the earlier is chosen.
  EXPECT_EQ(z->from_local(Date{2026, 10, 25}, TimeOfDay::hm(2, 30)),
            at("2026-10-25T02:30:00+02:00"));
  EXPECT_EQ(z->from_local(Date{2026, 10, 25}, TimeOfDay::hm(3, 0)),
            at("2026-10-25T03:00:00+01:00"));
  auto local = z->to_local(at("2026-10-25T01:30:00Z"));
  EXPECT_EQ(format_date(local.date), "2026-10-25");
  EXPECT_EQ(local.seconds_of_day, 2 * 3600 + 1800);
}

TEST(TimeZone, PosixRulesAlone) {
  auto z = TimeZone::from_posix_rule("x", "CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->offset_at(at("2150-07-01T00:00:00Z")), 7200);
  EXPECT_EQ(z->offset_at(at("2150-01-01T00:00:00Z")), 3600);
  auto south = TimeZone::from_posix_rule("x", "AEST-10AEDT,M10.1.0,M4.1.0/3");
  ASSERT_TRUE(south.ok());
  EXPECT_EQ(south->offset_at(at("2150-01-15T00:00:00Z")), 39600);
  EXPECT_EQ(south->offset_at(at("2150-07-15T00:00:00Z")), 36000);
  auto quoted = TimeZone::from_posix_rule("x", "<+0330>-3:30");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->offset_at(at("2030-01-01T00:00:00Z")), 3 * 3600 + 1800);
  auto julian = TimeZone::from_posix_rule("x", "EST5EDT,J60/2,J300/2");
  ASSERT_TRUE(julian.ok());
  EXPECT_EQ(julian->offset_at(at("2030-06-01T00:00:00Z")), -4 * 3600);
  EXPECT_FALSE(TimeZone::from_posix_rule("x", "CET-1CEST,M13.5.0,M10.5.0").ok());
  EXPECT_FALSE(TimeZone::from_posix_rule("x", "1").ok());
}

TEST(TimeZone, RejectsBrokenFiles) {
  EXPECT_FALSE(TimeZone::from_tzif("x", "").ok());
  EXPECT_FALSE(TimeZone::from_tzif("x", "TZif2 but not really").ok());
  auto missing = load_zone("Nowhere/Atlantis");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(load_zone("../etc/passwd").error().code, ErrorCode::validation_failed);
  // The built-in fallback covers the shipped calendars' zones when tzdata is absent.
  auto fallback = load_zone_or_builtin("Asia/Shanghai", "/nonexistent");
  ASSERT_TRUE(fallback.ok());
  EXPECT_EQ(fallback->offset_at(at("2026-01-01T00:00:00Z")), 28800);
}

TEST(TimeZone, TruncatedTzifFailsCleanly) {
  std::FILE* f = std::fopen("/usr/share/zoneinfo/Europe/Berlin", "rb");
  ASSERT_NE(f, nullptr);
  std::string bytes(4096, '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), f));
  std::fclose(f);
  ASSERT_TRUE(TimeZone::from_tzif("Europe/Berlin", bytes).ok());
  // Every prefix must parse or fail, never read out of bounds (ASan checks the latter).
  for (std::size_t n = 0; n < bytes.size(); n += 7) {
    auto z = TimeZone::from_tzif("x", bytes.substr(0, n));
    if (n < 44) {
      EXPECT_FALSE(z.ok()) << n;
    }
  }
}

// A calendar in a zone with DST counts real elapsed time on days with a clock change.
CalendarSpec berlin_spec(std::vector<Segment> day) {
  CalendarSpec spec;
  spec.id = "berlin";
  spec.zone = "Europe/Berlin";
  for (auto& w : spec.weekly)
    w = day;
  spec.first_year = 2026;
  spec.last_year = 2026;
  return spec;
}

TEST(DstCalendar, WholeDaysCount23And25Hours) {
  auto zone = load_zone("Europe/Berlin");
  ASSERT_TRUE(zone.ok());
  auto cal = Calendar::create(berlin_spec({{TimeOfDay{0}, TimeOfDay{86400}}}), *zone);
  ASSERT_TRUE(cal.ok());
  auto day = [&](int m, int d) {
    Instant a = zone->from_local(Date{2026, m, d}, TimeOfDay{0});
    Instant b = zone->from_local(Date{2026, m, d + 1}, TimeOfDay{0});
    return cal->between(a, b)->seconds;
  };
  EXPECT_EQ(day(3, 29), 23 * 3600);
  EXPECT_EQ(day(10, 25), 25 * 3600);
  EXPECT_EQ(day(6, 1), 24 * 3600);
  // With every day fully working the calendar behaves like 24x7 across the changes.
  Instant s = at("2026-03-28T22:00:00+01:00");
  EXPECT_EQ(cal->deadline(s, Duration::of_hours(48)).value(), s + Duration::of_hours(48));
  EXPECT_EQ(cal->format(s + Duration::of_hours(48)), "2026-03-30T23:00:00+02:00");
}

TEST(DstCalendar, SegmentAcrossTheChangeCountsRealTime) {
  auto zone = load_zone("America/New_York");
  ASSERT_TRUE(zone.ok());
  CalendarSpec spec = berlin_spec({{TimeOfDay::hm(1, 0), TimeOfDay::hm(4, 0)}});
  spec.id = "ny-night";
  spec.zone = "America/New_York";
  auto cal = Calendar::create(spec, *zone);
  ASSERT_TRUE(cal.ok());
  auto day = [&](int m, int d) {
    Instant a = zone->from_local(Date{2026, m, d}, TimeOfDay{0});
    return cal->between(a, a + Duration::of_hours(24))->seconds;
  };
  EXPECT_EQ(day(3, 8), 2 * 3600);   // 01:00 EST .. 04:00 EDT
  EXPECT_EQ(day(11, 1), 4 * 3600);  // 01:00 EDT .. 04:00 EST
  EXPECT_EQ(day(7, 1), 3 * 3600);
  EXPECT_EQ(
      cal->format(cal->deadline(at("2026-03-08T00:00:00-05:00"), Duration::of_hours(2)).value()),
      "2026-03-08T04:00:00-04:00");
}

}  // namespace
}  // namespace fuwu::calendar
