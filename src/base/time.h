// Time values: UTC instants, civil dates and times, durations, RFC 3339 text, and the Clock seam.
//
// An Instant is a count of seconds since 1970-01-01T00:00:00Z (no leap seconds). Fuwu's deadlines
// are exact to the second, so no finer unit is used anywhere in the domain. Civil dates use the
// proleptic Gregorian calendar. Nothing here reads the system clock except SystemClock.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fuwu {

// A length of time in whole seconds.
struct Duration {
  std::int64_t seconds = 0;
  static constexpr Duration of_seconds(std::int64_t s) { return {s}; }
  static constexpr Duration of_minutes(std::int64_t m) { return {m * 60}; }
  static constexpr Duration of_hours(std::int64_t h) { return {h * 3600}; }
  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return {seconds + o.seconds}; }
  constexpr Duration operator-(Duration o) const { return {seconds - o.seconds}; }
};

struct Instant {
  std::int64_t unix_seconds = 0;
  static constexpr Instant from_unix(std::int64_t s) { return {s}; }
  constexpr auto operator<=>(const Instant&) const = default;
  constexpr Instant operator+(Duration d) const { return {unix_seconds + d.seconds}; }
  constexpr Instant operator-(Duration d) const { return {unix_seconds - d.seconds}; }
  constexpr Duration operator-(Instant o) const { return {unix_seconds - o.unix_seconds}; }
};

// A civil (calendar) date without a time zone.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  constexpr auto operator<=>(const Date&) const = default;
};

// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(Date d);
Date civil_from_days(std::int64_t days);
// 0 = Monday ... 6 = Sunday (ISO order).
int iso_weekday(Date d);
bool is_valid_date(Date d);
Date add_days(Date d, std::int64_t n);

// "2026-10-09"
std::string format_date(Date d);
std::optional<Date> parse_date(std::string_view text);

// A wall-clock time of day in seconds since midnight, 0..86400 (86400 = end of day, "24:00").
struct TimeOfDay {
  int seconds = 0;
  constexpr auto operator<=>(const TimeOfDay&) const = default;
  static constexpr TimeOfDay hm(int h, int m) { return {h * 3600 + m * 60}; }
};
// "09:00", "09:00:30", "24:00"
std::optional<TimeOfDay> parse_time_of_day(std::string_view text);
std::string format_time_of_day(TimeOfDay t);

// RFC 3339 with an explicit offset: "2026-10-09T10:00:00+08:00" or "...Z". Fractional seconds are
// accepted and truncated toward the past. Returns nullopt on anything else.
std::optional<Instant> parse_rfc3339(std::string_view text);
// Formats with the given UTC offset in seconds ("Z" when the offset is 0 and use_z is true).
std::string format_rfc3339(Instant t, int utc_offset_seconds = 0, bool use_z = true);

// The time source. Production uses SystemClock; tests inject a FakeClock and step it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

}  // namespace fuwu
