// TimeZone: a pure table of UTC offsets, built from the bytes of a TZif file (RFC 8536).
//
// g++ 12 has no std::chrono::zoned_time, so Fuwu carries its own small zone: the list of
// transitions from the file's 64-bit (v2+) section, and the POSIX TZ rule of its footer for
// instants after the last listed transition. Nothing here reads files; app/calendar/zone_loader.h
// does, and hands the bytes to TimeZone::from_tzif. A TimeZone is an immutable value and may be
// shared between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"

namespace fuwu::calendar {

class TimeZone {
 public:
  // A zone with one fixed offset and no transitions ("UTC", "+08:00").
  static TimeZone fixed(std::string name, int utc_offset_seconds);
  // Parses TZif bytes (version 1, 2, 3 or 4). Fails with invalid_request when the bytes are not a
  // well-formed TZif file or the footer rule cannot be parsed.
  static Result<TimeZone> from_tzif(std::string name, std::string_view bytes);
  // Parses a POSIX TZ rule alone, e.g. "CET-1CEST,M3.5.0,M10.5.0/3" (used for the footer and
  // for tests). Fails with invalid_request on syntax it does not understand.
  static Result<TimeZone> from_posix_rule(std::string name, std::string_view rule);

  const std::string& name() const { return name_; }
  // Offset from UTC in seconds (east positive) in force at instant t.
  int offset_at(Instant t) const;
  // The instant at which the wall clock of this zone shows `date` `time` (time may be 86400,
  // the end of the day). Wall times that do not exist (the hour skipped when clocks go forward)
  // are shifted forward by the length of the gap; wall times that occur twice (the hour repeated
  // when clocks go back) resolve to the earlier instant. This is RFC 9557's "compatible" rule.
  Instant from_local(Date date, TimeOfDay time) const;
  // The civil date and seconds since local midnight at instant t.
  struct Local {
    Date date;
    int seconds_of_day = 0;
  };
  Local to_local(Instant t) const;

 private:
  struct PosixRule;
  int offset_from_rule(std::int64_t t) const;

  std::string name_;
  std::vector<std::int64_t> transitions_;  // UTC seconds, ascending
  std::vector<int> offsets_after_;         // offset in force from transitions_[i]
  int initial_offset_ = 0;                 // before the first transition
  // Footer rule: std offset and, when the zone keeps DST, the dst offset and the two change
  // rules. Stored flat so TimeZone stays a plain copyable value.
  bool has_rule_ = false;
  int rule_std_offset_ = 0;
  bool rule_has_dst_ = false;
  int rule_dst_offset_ = 0;
  struct ChangeRule {
    enum class Kind : std::uint8_t { month_week_day, julian_no_leap, julian_zero } kind{};
    int month = 0, week = 0, weekday = 0, day = 0;
    int time = 7200;  // seconds of local time (may be negative or > 24 h in TZif v3)
  };
  ChangeRule dst_start_{}, dst_end_{};
  static std::int64_t change_instant(const ChangeRule& r, int year, int offset_before);
  friend struct TimeZoneParser;
};

}  // namespace fuwu::calendar
