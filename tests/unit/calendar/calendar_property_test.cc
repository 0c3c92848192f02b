// Property tests: the calendar against a slow minute-by-minute reference, plus algebraic laws.
//
// The reference decides, for every minute of 2023..2028, whether that minute is working, straight
// from the spec (holiday, make-up and weekly lists searched linearly, the zone applied per
// minute), and tabulates the running count of working minutes. It shares no code with the
// calendar's segment tables. Every segment boundary of the calendars under test is on a whole
// minute, so minute resolution is exact for minute-aligned instants.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "unit/calendar/calendar_test_util.h"

namespace fuwu::calendar {
namespace {

constexpr std::int64_t kFirstYear = 2023;
constexpr std::int64_t kLastYear = 2027;

class MinuteReference {
 public:
  MinuteReference(const CalendarSpec& spec, const TimeZone& zone) : spec_(spec) {
    base_ = zone.from_local(Date{static_cast<int>(kFirstYear), 1, 1}, TimeOfDay{0}).unix_seconds;
    std::int64_t end =
        zone.from_local(Date{static_cast<int>(kLastYear) + 1, 1, 1}, TimeOfDay{0}).unix_seconds;
    std::int64_t minutes = (end - base_) / 60;
    prefix_.assign(static_cast<std::size_t>(minutes) + 1, 0);
    std::int64_t last_day = -1;
    std::vector<Segment> segs;
    for (std::int64_t m = 0; m < minutes; ++m) {
      auto local = zone.to_local(Instant::from_unix(base_ + m * 60));
      std::int64_t day = days_from_civil(local.date);
      if (day != last_day) {
        segs = segments_of(local.date);
        last_day = day;
      }
      bool working = std::any_of(segs.begin(), segs.end(), [&](const Segment& s) {
        return local.seconds_of_day >= s.start.seconds && local.seconds_of_day < s.end.seconds;
      });
      prefix_[static_cast<std::size_t>(m) + 1] = prefix_[static_cast<std::size_t>(m)] + working;
      if (working) working_day_.insert(day);
      if (working) last_working_minute_end_[day] = base_ + (m + 1) * 60;
    }
  }

  // Working minutes in [a, b), both minute-aligned inside the table.
  std::int64_t between(std::int64_t a, std::int64_t b) const {
    if (b <= a) return 0;
    return prefix_[index(b)] - prefix_[index(a)];
  }
  // Earliest minute-aligned instant at which d working minutes have been counted from s.
  std::int64_t deadline(std::int64_t s, std::int64_t d) const {
    if (d == 0) return s;
    std::int32_t target = prefix_[index(s)] + static_cast<std::int32_t>(d);
    auto it = std::lower_bound(prefix_.begin(), prefix_.end(), target);
    return base_ + (it - prefix_.begin()) * 60;
  }
  std::int64_t deadline_days(std::int64_t start_day, int n) const {
    std::int64_t day = start_day;
    while (n > 0) {
      ++day;
      if (working_day_.count(day)) --n;
    }
    return last_working_minute_end_.at(day);
  }
  std::int64_t base() const { return base_; }
  std::int64_t size_minutes() const { return static_cast<std::int64_t>(prefix_.size()) - 1; }

 private:
  std::size_t index(std::int64_t t) const { return static_cast<std::size_t>((t - base_) / 60); }
  std::vector<Segment> segments_of(Date d) const {
    for (const SpecialDay& s : spec_.special_days)
      if (s.date == d) return s.segments;
    for (const MakeupDay& m : spec_.makeup_days)
      if (m.date == d) return spec_.weekly[static_cast<std::size_t>(m.works_as)];
    for (const Holiday& h : spec_.holidays)
      if (d >= h.from && d <= h.to) return {};
    return spec_.weekly[static_cast<std::size_t>(iso_weekday(d))];
  }

  const CalendarSpec& spec_;
  std::int64_t base_ = 0;
  std::vector<std::int32_t> prefix_;
  std::set<std::int64_t> working_day_;
  std::map<std::int64_t, std::int64_t> last_working_minute_end_;
};

// A duration in minutes: mostly within a working week, sometimes up to 30 working days.
std::int64_t random_minutes(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0:
      return static_cast<std::int64_t>(rng() % 61);
    case 1:
      return static_cast<std::int64_t>(rng() % (8 * 60 + 1));
    case 2:
      return static_cast<std::int64_t>(rng() % (5 * 8 * 60 + 1));
    default:
      return static_cast<std::int64_t>(rng() % (30 * 8 * 60 + 1));
  }
}

void check_against_reference(const Calendar& cal, const MinuteReference& ref, int cases,
                             std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  // Leave two months at the end of the table for the longest durations.
  std::int64_t span = ref.size_minutes() - 60 * 24 * 62;
  for (int i = 0; i < cases; ++i) {
    std::int64_t s =
        ref.base() + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(span)) * 60;
    std::int64_t d = random_minutes(rng);
    Instant start = Instant::from_unix(s);
    auto got = cal.deadline(start, Duration::of_minutes(d));
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(got->unix_seconds, ref.deadline(s, d))
        << cal.format(start) << " + " << d << " min: got " << cal.format(*got);
    std::int64_t b = s + static_cast<std::int64_t>(rng() % (60 * 24 * 40)) * 60;
    ASSERT_EQ(cal.between(start, Instant::from_unix(b))->seconds, ref.between(s, b) * 60)
        << cal.format(start) << " .. " << cal.format(Instant::from_unix(b));
    ASSERT_EQ(cal.is_working(start), ref.between(s, s + 60) == 1) << cal.format(start);
    if (i % 8 == 0) {
      int n = static_cast<int>(rng() % 31);
      auto days = cal.deadline_days(start, n);
      ASSERT_TRUE(days.ok());
      std::int64_t expected =
          n == 0 ? s : ref.deadline_days(days_from_civil(cal.zone().to_local(start).date), n);
      ASSERT_EQ(days->unix_seconds, expected) << cal.format(start) << " + " << n << " days";
    }
  }
}

TEST(CalendarProperty, ChinaMainlandMatchesMinuteReference) {
  const Calendar& cal = testing::china();
  MinuteReference ref(cal.spec(), cal.zone());
  check_against_reference(cal, ref, 100000, 20251001);
}

TEST(CalendarProperty, DstZoneMatchesMinuteReference) {
  auto zone = load_zone("Europe/Berlin");
  ASSERT_TRUE(zone.ok());
  CalendarSpec spec;
  spec.id = "berlin-shifts";
  spec.zone = "Europe/Berlin";
  // Boundaries avoid 02:00–03:00, the hour that is skipped or repeated.
  for (std::size_t w = 0; w < 7; ++w)
    spec.weekly[w] = {{TimeOfDay{0}, TimeOfDay::hm(1, 30)},
                      {TimeOfDay::hm(8, 0), TimeOfDay::hm(12, 0)},
                      {TimeOfDay::hm(13, 0), TimeOfDay::hm(17, 0)},
                      {TimeOfDay::hm(23, 0), TimeOfDay{86400}}};
  spec.weekly[6].clear();
  spec.holidays.push_back(
      Holiday{"Weihnachten", "Christmas", Date{2025, 12, 24}, Date{2025, 12, 26}});
  spec.makeup_days.push_back(MakeupDay{Date{2026, 3, 29}, 0, ""});  // a Sunday with a clock change
  spec.first_year = 2025;
  spec.last_year = 2026;
  auto cal = Calendar::create(spec, *zone);
  ASSERT_TRUE(cal.ok());
  MinuteReference ref(cal->spec(), cal->zone());
  check_against_reference(*cal, ref, 20000, 7);
}

// Laws that must hold at any second, not only on whole minutes.
TEST(CalendarProperty, AlgebraicLaws) {
  const Calendar& cal = testing::china();
  std::mt19937_64 rng(42);
  std::int64_t lo = testing::at("2024-01-01T00:00:00+08:00").unix_seconds;
  std::int64_t hi = testing::at("2026-11-30T00:00:00+08:00").unix_seconds;
  auto rand_instant = [&] {
    return Instant::from_unix(
        lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo)));
  };
  auto rand_duration = [&] {
    return Duration{random_minutes(rng) * 60 + static_cast<std::int64_t>(rng() % 60)};
  };
  for (int i = 0; i < 100000; ++i) {
    Instant s = rand_instant();
    Duration a = rand_duration();
    Duration b = rand_duration();
    Instant da = cal.deadline(s, a).value();
    ASSERT_EQ(cal.between(s, da).value(), a) << cal.format(s) << " " << a.seconds;
    ASSERT_EQ(cal.deadline(da, b).value(), cal.deadline(s, a + b).value())
        << cal.format(s) << " " << a.seconds << " " << b.seconds;
    // Monotonic in the duration and in the start.
    Duration small = std::min(a, b), large = std::max(a, b);
    ASSERT_LE(cal.deadline(s, small).value(), cal.deadline(s, large).value());
    Instant s2 = s + Duration{static_cast<std::int64_t>(rng() % (86400 * 10))};
    ASSERT_LE(da, cal.deadline(s2, a).value());
    // between is additive.
    Instant p = std::min(s2, da + Duration::of_hours(30));
    Instant q = std::max(s2, da + Duration::of_hours(30));
    ASSERT_EQ(cal.between(s, q).value(), cal.between(s, p).value() + cal.between(p, q).value());
  }
}

TEST(CalendarProperty, AlwaysWorkingIsAddition) {
  const Calendar& cal = testing::always();
  std::mt19937_64 rng(3);
  for (int i = 0; i < 100000; ++i) {
    Instant s = Instant::from_unix(static_cast<std::int64_t>(rng() % 4000000000ULL));
    Duration d{static_cast<std::int64_t>(rng() % (86400LL * 400))};
    ASSERT_EQ(cal.deadline(s, d).value(), s + d);
    ASSERT_EQ(cal.between(s, s + d).value(), d);
  }
}

}  // namespace
}  // namespace fuwu::calendar
