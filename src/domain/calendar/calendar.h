// Working calendars and their arithmetic: the exact contract of issue 4.
//
// A calendar says, for every civil date in its time zone, which wall-clock segments are working
// time: the weekly pattern, overridden per date by holidays (no segments), make-up working days
// (调休上班: the segments of a named weekday, Monday by default) and special days (their own
// segments, e.g. a half day). Arithmetic is exact to the second:
//
//   is_working(t)         t lies in [segment start, segment end) of a segment of t's civil date.
//   deadline(s, d)        the earliest instant at which the working time counted from s equals d;
//                         counting starts at s if s is working, else at the next segment start. A
//                         target reached exactly at a segment end is that end (18:00 stays 18:00).
//                         d == 0 returns s unchanged.
//   deadline_days(s, n)   the end of the last segment of the n-th working day after s's civil date
//                         (s's own date never counts); n == 0 returns s unchanged. A working day is
//                         a date with at least one segment.
//   between(a, b)         working time in [a, b); 0 when b <= a.
//
// Segments are converted to instants day by day with the zone's rules, so on a day with a clock
// change a segment counts its real elapsed time. An `always_working` calendar (24x7) has no gaps:
// deadline(s, d) = s + d and between(a, b) = b - a for every instant.
//
// Speed: Calendar::create precomputes, for every day of its table range (the covered years minus
// 10 to plus 30), the segments as UTC instants and the cumulative working seconds and working-day
// counts, so every query is a pair of binary searches (well under 1 µs). Queries outside the
// table range fail with validation_failed (subject "calendar_range"); the covered range
// (first_year..last_year, the years whose holidays were imported) is smaller, and a computation
// that uses a day outside it says so in its explanation (Step::Kind::beyond_coverage).
//
// A Calendar is an immutable value; all const methods may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "domain/calendar/time_zone.h"

namespace fuwu::calendar {

// A working segment of wall-clock time [start, end) within one civil date; end may be 24:00.
struct Segment {
  TimeOfDay start;
  TimeOfDay end;
  constexpr auto operator<=>(const Segment&) const = default;
};

// Every date from `from` to `to` (inclusive) is a non-working day.
struct Holiday {
  std::string name_zh;
  std::string name_en;
  Date from;
  Date to;
  bool operator==(const Holiday&) const = default;
};

// A date that works with the segments of weekday `works_as` (0 = Monday ... 6 = Sunday).
struct MakeupDay {
  Date date;
  int works_as = 0;
  std::string name;  // e.g. "春节调休"; may be empty
  bool operator==(const MakeupDay&) const = default;
};

// A date with its own segments (a half day); an empty list makes it a non-working day.
struct SpecialDay {
  Date date;
  std::string name;
  std::vector<Segment> segments;
  bool operator==(const SpecialDay&) const = default;
};

enum class CalendarKind : std::uint8_t {
  weekly,          // weekly pattern plus dated exceptions
  always_working,  // 24x7: every instant is working time
};

struct CalendarSpec {
  std::string id;  // stable machine id, e.g. "china-mainland"
  std::string name_zh;
  std::string name_en;
  std::string zone;  // IANA name, e.g. "Asia/Shanghai"
  CalendarKind kind = CalendarKind::weekly;
  std::array<std::vector<Segment>, 7> weekly;  // index 0 = Monday
  std::vector<Holiday> holidays;
  std::vector<MakeupDay> makeup_days;
  std::vector<SpecialDay> special_days;
  int first_year = 2024;  // covered years: exceptions are known for first_year..last_year
  int last_year = 2024;
  std::int64_t revision = 0;  // bumped on every edit; SLA explanations cite it
};

// Checks a spec: id and zone present, segments ordered, non-overlapping and within 00:00–24:00,
// dates valid, holiday ranges ordered, weekdays 0..6, no date with two exceptions, first_year <=
// last_year. Returns validation_failed with one FieldError per problem.
Status validate(const CalendarSpec& spec);

// Why a date has the segments it has.
enum class DayReason : std::uint8_t { weekday, rest_day, holiday, makeup_day, special_day };
std::string_view day_reason_slug(DayReason r);  // "weekday", "rest_day", "holiday", ...

struct DayInfo {
  Date date;
  DayReason reason = DayReason::weekday;
  std::string name_zh;  // holiday / make-up / special day name; empty for plain days
  std::string name_en;
  std::vector<Segment> segments;
  bool covered = true;  // the date's year lies in first_year..last_year
};

// One line of an explanation. Fields not meaningful for a kind are left at their defaults.
struct Step {
  enum class Kind : std::uint8_t {
    start,            // counting starts at `from` (the given start, or the next segment start)
    counted,          // working time [from, to) on `date` was counted (`seconds`)
    working_day,      // `date` counted as working day number `seconds` (deadline_days)
    skipped,          // `date`..`last_date` have no segments: holiday or rest days (`name`)
    makeup_day,       // `date` is a make-up working day with the hours of weekday `seconds`
    special_day,      // `date` has its own segments (`name`)
    beyond_coverage,  // `date`'s year is outside the imported years: weekly pattern only
    end,              // the result instant `to`
  };
  Kind kind = Kind::start;
  Date date;
  Date last_date;
  Instant from;
  Instant to;
  std::int64_t seconds = 0;
  std::string name_zh;
  std::string name_en;
};
std::string_view step_kind_slug(Step::Kind k);

using Explanation = std::vector<Step>;

class Calendar {
 public:
  // Validates the spec and precomputes its tables. `zone` must be the zone named by spec.zone.
  static Result<Calendar> create(CalendarSpec spec, TimeZone zone);

  const CalendarSpec& spec() const { return spec_; }
  const std::string& id() const { return spec_.id; }
  const TimeZone& zone() const { return zone_; }

  bool is_working(Instant t) const;
  // On success the deadline; `why`, when given, receives the explanation (appended).
  // Fails with validation_failed for a negative duration or outside the table range.
  Result<Instant> deadline(Instant start, Duration d, Explanation* why = nullptr) const;
  Result<Instant> deadline_days(Instant start, int n, Explanation* why = nullptr) const;
  Result<Duration> between(Instant a, Instant b, Explanation* why = nullptr) const;

  // The segments of a civil date and why (works for any date, inside the table range or not).
  DayInfo day(Date d) const;
  // RFC 3339 in the calendar's zone, with its offset: "2026-10-09T10:00:00+08:00".
  std::string format(Instant t) const;
  // The instants the tables cover: [table_begin, table_end).
  Instant table_begin() const;
  Instant table_end() const;

 private:
  Calendar() = default;
  struct DayRule {
    DayReason reason = DayReason::weekday;
    const std::vector<Segment>* segments = nullptr;
    const std::string* name_zh = nullptr;
    const std::string* name_en = nullptr;
    int works_as = -1;
  };
  DayRule rule(Date d) const;
  bool covered(Date d) const { return d.year >= spec_.first_year && d.year <= spec_.last_year; }
  // Cumulative working seconds in [table start, t); t must be inside the table.
  std::int64_t worked_until(std::int64_t t) const;
  Status check_range(Instant t) const;
  void explain_span(std::int64_t a, std::int64_t b, Explanation& why) const;
  void explain_skip(std::int64_t day, Explanation& why) const;
  void annotate_day(std::int64_t day, Explanation& why, int& flagged_year) const;
  std::int64_t local_day(Instant t) const;

  CalendarSpec spec_;
  TimeZone zone_ = TimeZone::fixed("UTC", 0);
  std::map<std::int64_t, std::pair<DayReason, int>> exceptions_;  // day -> reason, index
  std::int64_t first_day_ = 0;               // day number of the first table day
  std::vector<std::int64_t> day_first_seg_;  // per day + 1: index of its first segment
  std::vector<std::int64_t> seg_begin_, seg_end_, seg_cum_end_;  // cum_end: worked through end
  std::vector<std::int32_t> working_days_before_;                // per day + 1
};

// For /readyz: when `now` lies within `days_before` days of the end of the covered years (the
// end of 31 December of last_year in the calendar's zone), the whole days left (0 once past it,
// i.e. holidays are missing); nullopt when coverage is not ending soon or for a 24x7 calendar.
std::optional<std::int64_t> days_until_coverage_ends(const Calendar& c, Instant now,
                                                     int days_before = 60);

// Calendars by id, for the SLA engine and the CLI.
class CalendarBook {
 public:
  void put(Calendar c);
  const Calendar* find(std::string_view id) const;
  std::vector<const Calendar*> all() const;

 private:
  std::map<std::string, Calendar, std::less<>> by_id_;
};

}  // namespace fuwu::calendar
