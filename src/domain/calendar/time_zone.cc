#include "domain/calendar/time_zone.h"

#include <algorithm>
#include <cassert>

namespace fuwu::calendar {
namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

Error bad_tzif(const std::string& name, std::string what) {
  return make_error(ErrorCode::invalid_request, "time zone " + name + ": " + std::move(what));
}

// Reads big-endian integers from the TZif byte string, tracking underruns instead of asserting:
// the bytes come from a file and may be truncated.
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool has(std::size_t n) const { return pos_ + n <= b_.size(); }
  std::int64_t be(int width) {
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i)
      v = (v << 8) | static_cast<unsigned char>(b_[pos_ + i]);
    pos_ += static_cast<std::size_t>(width);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(b_[pos_++]); }
  void skip(std::size_t n) { pos_ += n; }
  std::size_t pos() const { return pos_; }
  std::string_view rest() const { return b_.substr(pos_); }

 private:
  std::string_view b_;
  std::size_t pos_ = 0;
};

struct Header {
  char version = 0;
  std::int64_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

bool read_header(Reader& r, Header& h) {
  if (!r.has(44) || r.rest().substr(0, 4) != "TZif") return false;
  r.skip(4);
  h.version = static_cast<char>(r.u8());
  r.skip(15);
  h.isutcnt = r.be(4);
  h.isstdcnt = r.be(4);
  h.leapcnt = r.be(4);
  h.timecnt = r.be(4);
  h.typecnt = r.be(4);
  h.charcnt = r.be(4);
  return h.typecnt > 0 && h.timecnt >= 0 && h.charcnt >= 0 && h.leapcnt >= 0 && h.isutcnt >= 0 &&
         h.isstdcnt >= 0 && h.timecnt < 100000 && h.typecnt < 256;
}

std::size_t data_size(const Header& h, int time_width) {
  return static_cast<std::size_t>(h.timecnt * time_width + h.timecnt + h.typecnt * 6 + h.charcnt +
                                  h.leapcnt * (time_width + 4) + h.isstdcnt + h.isutcnt);
}

// Minimal cursor over a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3").
class RuleCursor {
 public:
  explicit RuleCursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool name() {
    if (eat('<')) {
      while (!done() && peek() != '>')
        ++i_;
      return eat('>');
    }
    std::size_t start = i_;
    while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z')))
      ++i_;
    return i_ - start >= 3;
  }
  bool number(int& out, int max_digits = 3) {
    std::size_t start = i_;
    out = 0;
    while (!done() && peek() >= '0' && peek() <= '9' &&
           i_ - start < static_cast<std::size_t>(max_digits)) {
      out = out * 10 + (peek() - '0');
      ++i_;
    }
    return i_ > start;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  bool hms(int& out) {
    int sign = 1;
    if (eat('-')) {
      sign = -1;
    } else {
      eat('+');
    }
    int h = 0, m = 0, sec = 0;
    if (!number(h)) return false;
    if (eat(':')) {
      if (!number(m, 2)) return false;
      if (eat(':') && !number(sec, 2)) return false;
    }
    out = sign * (h * 3600 + m * 60 + sec);
    return true;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

struct TimeZoneParser {
  static bool change(RuleCursor& c, TimeZone::ChangeRule& r) {
    using Kind = TimeZone::ChangeRule::Kind;
    if (c.eat('M')) {
      r.kind = Kind::month_week_day;
      if (!c.number(r.month, 2) || !c.eat('.') || !c.number(r.week, 1) || !c.eat('.') ||
          !c.number(r.weekday, 1))
        return false;
      if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.weekday > 6) return false;
    } else if (c.eat('J')) {
      r.kind = Kind::julian_no_leap;
      if (!c.number(r.day) || r.day < 1 || r.day > 365) return false;
    } else {
      r.kind = Kind::julian_zero;
      if (!c.number(r.day) || r.day > 365) return false;
    }
    r.time = 7200;
    if (c.eat('/') && !c.hms(r.time)) return false;
    return true;
  }

  static bool rule(std::string_view text, TimeZone& z) {
    RuleCursor c(text);
    int posix_std = 0;
    if (!c.name() || !c.hms(posix_std)) return false;
    // POSIX offsets count west of Greenwich as positive; Fuwu counts east as positive.
    z.rule_std_offset_ = -posix_std;
    z.has_rule_ = true;
    if (c.done()) return true;
    if (!c.name()) return false;
    z.rule_has_dst_ = true;
    z.rule_dst_offset_ = z.rule_std_offset_ + 3600;
    if (c.peek() != ',' && !c.done()) {
      int posix_dst = 0;
      if (!c.hms(posix_dst)) return false;
      z.rule_dst_offset_ = -posix_dst;
    }
    if (c.done()) {
      // No rule given: POSIX leaves it implementation-defined; use the current US rule like glibc.
      RuleCursor us("M3.2.0,M11.1.0");
      return change(us, z.dst_start_) && us.eat(',') && change(us, z.dst_end_);
    }
    return c.eat(',') && change(c, z.dst_start_) && c.eat(',') && change(c, z.dst_end_) && c.done();
  }
};

TimeZone TimeZone::fixed(std::string name, int utc_offset_seconds) {
  TimeZone z;
  z.name_ = std::move(name);
  z.initial_offset_ = utc_offset_seconds;
  return z;
}

Result<TimeZone> TimeZone::from_posix_rule(std::string name, std::string_view rule) {
  TimeZone z;
  z.name_ = std::move(name);
  if (!TimeZoneParser::rule(rule, z)) return bad_tzif(z.name_, "bad POSIX TZ rule");
  z.initial_offset_ = z.rule_std_offset_;
  return z;
}

Result<TimeZone> TimeZone::from_tzif(std::string name, std::string_view bytes) {
  TimeZone z;
  z.name_ = std::move(name);
  Reader r(bytes);
  Header h;
  if (!read_header(r, h)) return bad_tzif(z.name_, "not a TZif file");
  int width = 4;
  if (h.version >= '2') {
    if (!r.has(data_size(h, 4))) return bad_tzif(z.name_, "truncated version 1 data");
    r.skip(data_size(h, 4));
    if (!read_header(r, h)) return bad_tzif(z.name_, "bad version 2 header");
    width = 8;
  }
  if (!r.has(data_size(h, width))) return bad_tzif(z.name_, "truncated data");
  z.transitions_.reserve(static_cast<std::size_t>(h.timecnt));
  for (std::int64_t i = 0; i < h.timecnt; ++i)
    z.transitions_.push_back(r.be(width));
  std::vector<std::uint8_t> type_index;
  for (std::int64_t i = 0; i < h.timecnt; ++i)
    type_index.push_back(r.u8());
  std::vector<int> type_offset;
  for (std::int64_t i = 0; i < h.typecnt; ++i) {
    type_offset.push_back(static_cast<int>(r.be(4)));
    r.skip(2);
  }
  r.skip(static_cast<std::size_t>(h.charcnt + h.leapcnt * (width + 4) + h.isstdcnt + h.isutcnt));
  for (std::size_t i = 0; i < type_index.size(); ++i) {
    if (type_index[i] >= type_offset.size()) return bad_tzif(z.name_, "bad type index");
    z.offsets_after_.push_back(type_offset[type_index[i]]);
    if (i > 0 && z.transitions_[i] <= z.transitions_[i - 1])
      return bad_tzif(z.name_, "transitions out of order");
  }
  z.initial_offset_ = type_offset[0];
  if (width == 8) {
    std::string_view rest = r.rest();
    if (rest.size() >= 2 && rest[0] == '\n') {
      std::size_t end = rest.find('\n', 1);
      if (end == std::string_view::npos) return bad_tzif(z.name_, "unterminated footer");
      std::string_view footer = rest.substr(1, end - 1);
      if (!footer.empty() && !TimeZoneParser::rule(footer, z))
        return bad_tzif(z.name_, "bad footer rule '" + std::string(footer) + "'");
      if (!footer.empty() && z.transitions_.empty()) z.initial_offset_ = z.rule_std_offset_;
    }
  }
  return z;
}

std::int64_t TimeZone::change_instant(const ChangeRule& r, int year, int offset_before) {
  Date d{year, 1, 1};
  switch (r.kind) {
    case ChangeRule::Kind::month_week_day: {
      Date first{year, r.month, 1};
      int first_weekday = (iso_weekday(first) + 1) % 7;  // POSIX: 0 = Sunday
      int day = 1 + (r.weekday - first_weekday + 7) % 7 + (r.week - 1) * 7;
      while (day > days_in_month(year, r.month))
        day -= 7;
      d = Date{year, r.month, day};
      break;
    }
    case ChangeRule::Kind::julian_no_leap:
      // Jn never counts 29 February.
      d = add_days(d, r.day - 1 + ((is_leap(year) && r.day >= 60) ? 1 : 0));
      break;
    case ChangeRule::Kind::julian_zero:
      d = add_days(d, r.day);
      break;
  }
  return days_from_civil(d) * kDay + r.time - offset_before;
}

int TimeZone::offset_from_rule(std::int64_t t) const {
  if (!rule_has_dst_) return rule_std_offset_;
  int year = civil_from_days(floor_div(t + rule_std_offset_, kDay)).year;
  std::int64_t start = change_instant(dst_start_, year, rule_std_offset_);
  std::int64_t end = change_instant(dst_end_, year, rule_dst_offset_);
  bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);
  return dst ? rule_dst_offset_ : rule_std_offset_;
}

int TimeZone::offset_at(Instant t) const {
  std::int64_t s = t.unix_seconds;
  if (transitions_.empty()) return has_rule_ ? offset_from_rule(s) : initial_offset_;
  if (s < transitions_.front()) return initial_offset_;
  if (s >= transitions_.back() && has_rule_) return offset_from_rule(s);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), s);
  return offsets_after_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

Instant TimeZone::from_local(Date date, TimeOfDay time) const {
  std::int64_t local = days_from_civil(date) * kDay + time.seconds;
  // The offsets a day either side bracket any single transition near this wall time.
  int before = offset_at(Instant::from_unix(local - kDay));
  int after = offset_at(Instant::from_unix(local + kDay));
  std::int64_t t_before = local - before;
  std::int64_t t_after = local - after;
  bool before_valid = offset_at(Instant::from_unix(t_before)) == before;
  bool after_valid = offset_at(Instant::from_unix(t_after)) == after;
  if (before_valid && after_valid) return Instant::from_unix(std::min(t_before, t_after));
  if (after_valid) return Instant::from_unix(t_after);
  // Valid with the earlier offset, or a gap: the earlier offset moves the time forward.
  return Instant::from_unix(t_before);
}

TimeZone::Local TimeZone::to_local(Instant t) const {
  std::int64_t local = t.unix_seconds + offset_at(t);
  std::int64_t days = floor_div(local, kDay);
  return Local{civil_from_days(days), static_cast<int>(local - days * kDay)};
}

}  // namespace fuwu::calendar
