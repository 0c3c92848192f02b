#include "base/time.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace fuwu {

std::int64_t days_from_civil(Date d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

int iso_weekday(Date d) {
  // 1970-01-01 was a Thursday (ISO index 3).
  const std::int64_t days = days_from_civil(d);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool is_valid_date(Date d) {
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int max = d.month == 2 && leap ? 29 : kDays[d.month - 1];
  return d.day <= max;
}

Date add_days(Date d, std::int64_t n) {
  return civil_from_days(days_from_civil(d) + n);
}

namespace {

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  Date d;
  if (!parse_int(t.substr(0, 4), d.year) || !parse_int(t.substr(5, 2), d.month) ||
      !parse_int(t.substr(8, 2), d.day) || !is_valid_date(d)) {
    return std::nullopt;
  }
  return d;
}

std::optional<TimeOfDay> parse_time_of_day(std::string_view t) {
  int h = 0, m = 0, s = 0;
  if (t.size() != 5 && t.size() != 8) return std::nullopt;
  if (t[2] != ':' || !parse_int(t.substr(0, 2), h) || !parse_int(t.substr(3, 2), m)) {
    return std::nullopt;
  }
  if (t.size() == 8 && (t[5] != ':' || !parse_int(t.substr(6, 2), s))) return std::nullopt;
  if (m > 59 || s > 59 || h > 24 || (h == 24 && (m != 0 || s != 0))) return std::nullopt;
  return TimeOfDay{h * 3600 + m * 60 + s};
}

std::string format_time_of_day(TimeOfDay t) {
  char buf[16];
  const int h = t.seconds / 3600, m = t.seconds / 60 % 60, s = t.seconds % 60;
  if (s != 0) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, m, s);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  }
  return buf;
}

std::optional<Instant> parse_rfc3339(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  if (t.size() < 20) return std::nullopt;
  auto date = parse_date(t.substr(0, 10));
  if (!date || (t[10] != 'T' && t[10] != 't' && t[10] != ' ')) return std::nullopt;
  int h = 0, m = 0, s = 0;
  if (t[13] != ':' || t[16] != ':' || !parse_int(t.substr(11, 2), h) ||
      !parse_int(t.substr(14, 2), m) || !parse_int(t.substr(17, 2), s)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59 || s > 60) return std::nullopt;
  if (s == 60) s = 59;  // leap second: clamp
  std::size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i;
    if (i == start) return std::nullopt;
  }
  if (i >= t.size()) return std::nullopt;
  int offset = 0;
  if (t[i] == 'Z' || t[i] == 'z') {
    if (i + 1 != t.size()) return std::nullopt;
  } else if (t[i] == '+' || t[i] == '-') {
    int oh = 0, om = 0;
    if (t.size() != i + 6 || t[i + 3] != ':' || !parse_int(t.substr(i + 1, 2), oh) ||
        !parse_int(t.substr(i + 4, 2), om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (t[i] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const std::int64_t local = days_from_civil(*date) * 86400 + h * 3600 + m * 60 + s;
  return Instant{local - offset};
}

namespace {

// Writes 0 ≤ v < 10^width as `width` digits; returns the end.
char* put_digits(char* p, int v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

}  // namespace

std::string format_rfc3339(Instant t, int utc_offset_seconds, bool use_z) {
  const std::int64_t local = t.unix_seconds + utc_offset_seconds;
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  const Date d = civil_from_days(days);
  char buf[40];
  const int h = static_cast<int>(secs / 3600), m = static_cast<int>(secs / 60 % 60),
            s = static_cast<int>(secs % 60);
  // Digits by hand (every timestamp the API and the store write passes here); snprintf for
  // years outside 0-9999.
  if (d.year >= 0 && d.year <= 9999) {
    char* p = put_digits(buf, d.year, 4);
    *p++ = '-';
    p = put_digits(p, d.month, 2);
    *p++ = '-';
    p = put_digits(p, d.day, 2);
    *p++ = 'T';
    p = put_digits(p, h, 2);
    *p++ = ':';
    p = put_digits(p, m, 2);
    *p++ = ':';
    p = put_digits(p, s, 2);
    if (utc_offset_seconds == 0 && use_z) {
      *p++ = 'Z';
    } else {
      const int off = utc_offset_seconds < 0 ? -utc_offset_seconds : utc_offset_seconds;
      *p++ = utc_offset_seconds < 0 ? '-' : '+';
      p = put_digits(p, off / 3600 % 100, 2);
      *p++ = ':';
      p = put_digits(p, off / 60 % 60, 2);
    }
    return std::string(buf, p);
  }
  if (utc_offset_seconds == 0 && use_z) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, h, m,
                  s);
  } else {
    const int off = utc_offset_seconds < 0 ? -utc_offset_seconds : utc_offset_seconds;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d.year, d.month,
                  d.day, h, m, s, utc_offset_seconds < 0 ? '-' : '+', off / 3600, off / 60 % 60);
  }
  return buf;
}

Instant SystemClock::now() const {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::duration_cast<std::chrono::seconds>(now).count()};
}

}  // namespace fuwu
