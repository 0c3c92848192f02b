#include "domain/calendar/calendar.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace fuwu::calendar {
namespace {

constexpr std::int64_t kDay = 86400;
// How far the precomputed tables reach around the covered years: far enough back for old
// records and far enough ahead for any realistic target, small enough to stay about 1 MB.
constexpr int kTableYearsBefore = 10;
constexpr int kTableYearsAfter = 30;

const std::vector<Segment>& no_segments() {
  static const std::vector<Segment> kEmpty;
  return kEmpty;
}

Error range_error(std::string what) {
  Error e(ErrorCode::validation_failed, std::move(what));
  e.subject = "calendar_range";
  return e;
}

void check_segments(const std::vector<Segment>& segs, const std::string& field, Error& e) {
  for (std::size_t i = 0; i < segs.size(); ++i) {
    const Segment& s = segs[i];
    if (s.start.seconds < 0 || s.end.seconds > 86400 || s.start >= s.end)
      e.with_field(field + "/" + std::to_string(i), "bad_segment",
                   "a segment needs 00:00 <= start < end <= 24:00");
    if (i > 0 && segs[i - 1].end > s.start)
      e.with_field(field + "/" + std::to_string(i), "overlap",
                   "segments must be in order and must not overlap");
  }
}

}  // namespace

std::string_view day_reason_slug(DayReason r) {
  switch (r) {
    case DayReason::weekday:
      return "weekday";
    case DayReason::rest_day:
      return "rest_day";
    case DayReason::holiday:
      return "holiday";
    case DayReason::makeup_day:
      return "makeup_day";
    case DayReason::special_day:
      return "special_day";
  }
  return "weekday";
}

std::string_view step_kind_slug(Step::Kind k) {
  switch (k) {
    case Step::Kind::start:
      return "start";
    case Step::Kind::counted:
      return "counted";
    case Step::Kind::working_day:
      return "working_day";
    case Step::Kind::skipped:
      return "skipped";
    case Step::Kind::makeup_day:
      return "makeup_day";
    case Step::Kind::special_day:
      return "special_day";
    case Step::Kind::beyond_coverage:
      return "beyond_coverage";
    case Step::Kind::end:
      return "end";
  }
  return "start";
}

Status validate(const CalendarSpec& spec) {
  Error e(ErrorCode::validation_failed, "calendar " + spec.id + " is not valid");
  if (spec.id.empty()) e.with_field("id", "required", "a calendar needs an id");
  if (spec.zone.empty()) e.with_field("zone", "required", "a calendar needs an IANA time zone");
  if (spec.first_year > spec.last_year || spec.first_year < 1900 || spec.last_year > 2400)
    e.with_field("last_year", "bad_range", "first_year must be <= last_year, both in 1900..2400");
  for (std::size_t w = 0; w < 7; ++w)
    check_segments(spec.weekly[w], "weekly/" + std::to_string(w), e);
  std::map<std::int64_t, std::string> seen;
  auto claim = [&](Date d, const std::string& field) {
    if (!is_valid_date(d)) {
      e.with_field(field, "bad_date", "not a valid date");
      return;
    }
    auto [it, inserted] = seen.emplace(days_from_civil(d), field);
    if (!inserted)
      e.with_field(field, "duplicate_date",
                   format_date(d) + " already has an exception (" + it->second + ")");
  };
  for (std::size_t i = 0; i < spec.holidays.size(); ++i) {
    const Holiday& h = spec.holidays[i];
    std::string field = "holidays/" + std::to_string(i);
    if (!is_valid_date(h.from) || !is_valid_date(h.to) || h.to < h.from ||
        days_from_civil(h.to) - days_from_civil(h.from) > 366) {
      e.with_field(field, "bad_range", "a holiday needs valid dates with from <= to");
      continue;
    }
    for (Date d = h.from; d <= h.to; d = add_days(d, 1))
      claim(d, field);
  }
  for (std::size_t i = 0; i < spec.makeup_days.size(); ++i) {
    std::string field = "makeup_days/" + std::to_string(i);
    claim(spec.makeup_days[i].date, field);
    if (spec.makeup_days[i].works_as < 0 || spec.makeup_days[i].works_as > 6)
      e.with_field(field + "/works_as", "bad_weekday", "weekday must be 0 (Monday) .. 6 (Sunday)");
  }
  for (std::size_t i = 0; i < spec.special_days.size(); ++i) {
    std::string field = "special_days/" + std::to_string(i);
    claim(spec.special_days[i].date, field);
    check_segments(spec.special_days[i].segments, field + "/segments", e);
  }
  if (!e.fields.empty()) return e;
  return ok_status();
}

Result<Calendar> Calendar::create(CalendarSpec spec, TimeZone zone) {
  TRY_VOID(validate(spec));
  Calendar c;
  c.spec_ = std::move(spec);
  c.zone_ = std::move(zone);
  for (std::size_t i = 0; i < c.spec_.holidays.size(); ++i) {
    const Holiday& h = c.spec_.holidays[i];
    for (auto d = days_from_civil(h.from); d <= days_from_civil(h.to); ++d)
      c.exceptions_[d] = {DayReason::holiday, static_cast<int>(i)};
  }
  for (std::size_t i = 0; i < c.spec_.makeup_days.size(); ++i)
    c.exceptions_[days_from_civil(c.spec_.makeup_days[i].date)] = {DayReason::makeup_day,
                                                                   static_cast<int>(i)};
  for (std::size_t i = 0; i < c.spec_.special_days.size(); ++i)
    c.exceptions_[days_from_civil(c.spec_.special_days[i].date)] = {DayReason::special_day,
                                                                    static_cast<int>(i)};
  if (c.spec_.kind == CalendarKind::always_working) return c;

  c.first_day_ = days_from_civil(Date{c.spec_.first_year - kTableYearsBefore, 1, 1});
  std::int64_t end_day = days_from_civil(Date{c.spec_.last_year + kTableYearsAfter + 1, 1, 1});
  auto n = static_cast<std::size_t>(end_day - c.first_day_);
  c.day_first_seg_.reserve(n + 1);
  c.working_days_before_.reserve(n + 1);
  std::int64_t cum = 0;
  std::int32_t working_days = 0;
  std::int64_t last_end = std::numeric_limits<std::int64_t>::min();
  for (std::int64_t day = c.first_day_; day < end_day; ++day) {
    c.day_first_seg_.push_back(static_cast<std::int64_t>(c.seg_begin_.size()));
    c.working_days_before_.push_back(working_days);
    Date date = civil_from_days(day);
    bool any = false;
    for (const Segment& s : *c.rule(date).segments) {
      // Converting each end separately makes a day with a clock change count real elapsed time.
      std::int64_t b = c.zone_.from_local(date, s.start).unix_seconds;
      std::int64_t e = c.zone_.from_local(date, s.end).unix_seconds;
      b = std::max(b, last_end);
      if (e <= b) continue;  // a segment swallowed by a skipped hour
      cum += e - b;
      c.seg_begin_.push_back(b);
      c.seg_end_.push_back(e);
      c.seg_cum_end_.push_back(cum);
      last_end = e;
      any = true;
    }
    if (any) ++working_days;
  }
  c.day_first_seg_.push_back(static_cast<std::int64_t>(c.seg_begin_.size()));
  c.working_days_before_.push_back(working_days);
  return c;
}

Calendar::DayRule Calendar::rule(Date d) const {
  DayRule r;
  auto it = exceptions_.find(days_from_civil(d));
  if (it != exceptions_.end()) {
    auto idx = static_cast<std::size_t>(it->second.second);
    r.reason = it->second.first;
    switch (r.reason) {
      case DayReason::holiday:
        r.segments = &no_segments();
        r.name_zh = &spec_.holidays[idx].name_zh;
        r.name_en = &spec_.holidays[idx].name_en;
        return r;
      case DayReason::makeup_day:
        r.works_as = spec_.makeup_days[idx].works_as;
        r.segments = &spec_.weekly[static_cast<std::size_t>(r.works_as)];
        r.name_zh = &spec_.makeup_days[idx].name;
        return r;
      case DayReason::special_day:
        r.segments = &spec_.special_days[idx].segments;
        r.name_zh = &spec_.special_days[idx].name;
        return r;
      case DayReason::weekday:
      case DayReason::rest_day:
        break;
    }
  }
  r.segments = &spec_.weekly[static_cast<std::size_t>(iso_weekday(d))];
  r.reason = r.segments->empty() ? DayReason::rest_day : DayReason::weekday;
  return r;
}

DayInfo Calendar::day(Date d) const {
  DayInfo info;
  info.date = d;
  info.covered = covered(d);
  if (spec_.kind == CalendarKind::always_working) {
    info.segments = {Segment{TimeOfDay{0}, TimeOfDay{86400}}};
    return info;
  }
  DayRule r = rule(d);
  info.reason = r.reason;
  if (r.name_zh) info.name_zh = *r.name_zh;
  if (r.name_en) info.name_en = *r.name_en;
  info.segments = *r.segments;
  return info;
}

std::string Calendar::format(Instant t) const {
  return format_rfc3339(t, zone_.offset_at(t), false);
}

Instant Calendar::table_begin() const {
  if (spec_.kind == CalendarKind::always_working)
    return Instant::from_unix(std::numeric_limits<std::int64_t>::min() / 4);
  return zone_.from_local(civil_from_days(first_day_), TimeOfDay{0});
}

Instant Calendar::table_end() const {
  if (spec_.kind == CalendarKind::always_working)
    return Instant::from_unix(std::numeric_limits<std::int64_t>::max() / 4);
  auto days = static_cast<std::int64_t>(day_first_seg_.size()) - 1;
  return zone_.from_local(civil_from_days(first_day_ + days), TimeOfDay{0});
}

Status Calendar::check_range(Instant t) const {
  if (t < table_begin() || t >= table_end())
    return range_error("instant " + format(t) + " is outside the years calendar " + spec_.id +
                       " can compute (" + std::to_string(spec_.first_year - kTableYearsBefore) +
                       ".." + std::to_string(spec_.last_year + kTableYearsAfter) + ")");
  return ok_status();
}

std::int64_t Calendar::local_day(Instant t) const {
  return days_from_civil(zone_.to_local(t).date);
}

std::int64_t Calendar::worked_until(std::int64_t t) const {
  auto it = std::upper_bound(seg_end_.begin(), seg_end_.end(), t);
  auto i = static_cast<std::size_t>(it - seg_end_.begin());
  if (i == seg_end_.size()) return seg_cum_end_.empty() ? 0 : seg_cum_end_.back();
  std::int64_t before = i == 0 ? 0 : seg_cum_end_[i - 1];
  return before + std::max<std::int64_t>(0, t - seg_begin_[i]);
}

bool Calendar::is_working(Instant t) const {
  if (spec_.kind == CalendarKind::always_working) return true;
  auto it = std::upper_bound(seg_end_.begin(), seg_end_.end(), t.unix_seconds);
  if (it == seg_end_.end()) return false;
  return seg_begin_[static_cast<std::size_t>(it - seg_end_.begin())] <= t.unix_seconds;
}

void Calendar::explain_skip(std::int64_t day, Explanation& why) const {
  Date d = civil_from_days(day);
  DayRule r = rule(d);
  std::string zh =
      r.name_zh ? *r.name_zh : std::string(r.reason == DayReason::rest_day ? "休息日" : "");
  std::string en =
      r.name_en ? *r.name_en : std::string(r.reason == DayReason::rest_day ? "rest day" : "");
  if (!why.empty() && why.back().kind == Step::Kind::skipped && why.back().name_zh == zh &&
      days_from_civil(why.back().last_date) + 1 == day) {
    why.back().last_date = d;
    return;
  }
  Step s;
  s.kind = Step::Kind::skipped;
  s.date = d;
  s.last_date = d;
  s.name_zh = std::move(zh);
  s.name_en = std::move(en);
  why.push_back(std::move(s));
}

void Calendar::annotate_day(std::int64_t day, Explanation& why, int& flagged_year) const {
  Date d = civil_from_days(day);
  if (!covered(d) && flagged_year != d.year) {
    flagged_year = d.year;
    Step s;
    s.kind = Step::Kind::beyond_coverage;
    s.date = d;
    s.seconds = d.year;
    why.push_back(std::move(s));
  }
  DayRule r = rule(d);
  if (r.reason == DayReason::makeup_day || r.reason == DayReason::special_day) {
    Step s;
    s.kind = r.reason == DayReason::makeup_day ? Step::Kind::makeup_day : Step::Kind::special_day;
    s.date = d;
    s.seconds = r.works_as;
    if (r.name_zh) s.name_zh = *r.name_zh;
    why.push_back(std::move(s));
  }
}

// Appends the counted segments and skipped days of [a, b) (a < b, both inside the table).
void Calendar::explain_span(std::int64_t a, std::int64_t b, Explanation& why) const {
  std::int64_t first = local_day(Instant::from_unix(a));
  std::int64_t last = local_day(Instant::from_unix(b - 1));
  int flagged_year = 0;
  for (std::int64_t day = first; day <= last; ++day) {
    auto di = static_cast<std::size_t>(day - first_day_);
    auto s0 = static_cast<std::size_t>(day_first_seg_[di]);
    auto s1 = static_cast<std::size_t>(day_first_seg_[di + 1]);
    if (s0 == s1) {
      if (!covered(civil_from_days(day))) annotate_day(day, why, flagged_year);
      explain_skip(day, why);
      continue;
    }
    bool annotated = false;
    for (std::size_t i = s0; i < s1; ++i) {
      std::int64_t from = std::max(a, seg_begin_[i]);
      std::int64_t to = std::min(b, seg_end_[i]);
      if (to <= from) continue;
      if (!annotated) annotate_day(day, why, flagged_year);
      annotated = true;
      Step s;
      s.kind = Step::Kind::counted;
      s.date = civil_from_days(day);
      s.from = Instant::from_unix(from);
      s.to = Instant::from_unix(to);
      s.seconds = to - from;
      why.push_back(std::move(s));
    }
  }
}

namespace {
Step point_step(Step::Kind kind, Instant at, Date date) {
  Step s;
  s.kind = kind;
  s.from = at;
  s.to = at;
  s.date = date;
  return s;
}
}  // namespace

Result<Instant> Calendar::deadline(Instant start, Duration d, Explanation* why) const {
  if (d.seconds < 0)
    return make_error(ErrorCode::validation_failed, "a duration must not be negative");
  if (spec_.kind == CalendarKind::always_working || d.seconds == 0) {
    Instant result = start + (spec_.kind == CalendarKind::always_working ? d : Duration{});
    if (why) {
      why->push_back(point_step(Step::Kind::start, start, zone_.to_local(start).date));
      if (d.seconds > 0) {
        Step s = point_step(Step::Kind::counted, start, zone_.to_local(start).date);
        s.to = result;
        s.seconds = d.seconds;
        why->push_back(std::move(s));
      }
      why->push_back(point_step(Step::Kind::end, result, zone_.to_local(result).date));
    }
    return result;
  }
  TRY_VOID(check_range(start));
  std::int64_t target = worked_until(start.unix_seconds) + d.seconds;
  auto it = std::lower_bound(seg_cum_end_.begin(), seg_cum_end_.end(), target);
  if (it == seg_cum_end_.end())
    return range_error("the deadline lies beyond the years calendar " + spec_.id + " can compute");
  auto i = static_cast<std::size_t>(it - seg_cum_end_.begin());
  std::int64_t before = i == 0 ? 0 : seg_cum_end_[i - 1];
  Instant result = Instant::from_unix(seg_begin_[i] + (target - before));
  if (why) {
    auto first = std::upper_bound(seg_end_.begin(), seg_end_.end(), start.unix_seconds);
    Instant counting = Instant::from_unix(std::max(
        start.unix_seconds, seg_begin_[static_cast<std::size_t>(first - seg_end_.begin())]));
    why->push_back(point_step(Step::Kind::start, counting, zone_.to_local(counting).date));
    explain_span(start.unix_seconds, result.unix_seconds, *why);
    why->push_back(point_step(Step::Kind::end, result, zone_.to_local(result).date));
  }
  return result;
}

Result<Instant> Calendar::deadline_days(Instant start, int n, Explanation* why) const {
  if (n < 0) return make_error(ErrorCode::validation_failed, "a day count must not be negative");
  if (n == 0) {
    if (why) why->push_back(point_step(Step::Kind::end, start, zone_.to_local(start).date));
    return start;
  }
  std::int64_t start_day = local_day(start);
  if (spec_.kind == CalendarKind::always_working) {
    Instant result = zone_.from_local(civil_from_days(start_day + n + 1), TimeOfDay{0});
    if (why) {
      why->push_back(point_step(Step::Kind::start, start, civil_from_days(start_day)));
      why->push_back(point_step(Step::Kind::end, result, civil_from_days(start_day + n)));
    }
    return result;
  }
  TRY_VOID(check_range(start));
  auto k = static_cast<std::size_t>(start_day - first_day_);
  std::int32_t wanted = working_days_before_[k + 1] + n;
  auto it = std::lower_bound(working_days_before_.begin() + static_cast<std::ptrdiff_t>(k + 2),
                             working_days_before_.end(), wanted);
  if (it == working_days_before_.end())
    return range_error("the deadline lies beyond the years calendar " + spec_.id + " can compute");
  auto end_index = static_cast<std::size_t>(it - working_days_before_.begin());  // = D + 1
  Instant result =
      Instant::from_unix(seg_end_[static_cast<std::size_t>(day_first_seg_[end_index]) - 1]);
  if (why) {
    why->push_back(point_step(Step::Kind::start, start, civil_from_days(start_day)));
    int flagged_year = 0;
    int ordinal = 0;
    for (std::size_t di = k + 1; di < end_index; ++di) {
      std::int64_t day = first_day_ + static_cast<std::int64_t>(di);
      if (day_first_seg_[di] == day_first_seg_[di + 1]) {
        if (!covered(civil_from_days(day))) annotate_day(day, *why, flagged_year);
        explain_skip(day, *why);
        continue;
      }
      annotate_day(day, *why, flagged_year);
      Step s = point_step(Step::Kind::working_day, Instant{}, civil_from_days(day));
      s.seconds = ++ordinal;
      why->push_back(std::move(s));
    }
    why->push_back(point_step(Step::Kind::end, result, zone_.to_local(result).date));
  }
  return result;
}

Result<Duration> Calendar::between(Instant a, Instant b, Explanation* why) const {
  if (b <= a) return Duration{};
  if (spec_.kind == CalendarKind::always_working) {
    if (why) {
      Step s = point_step(Step::Kind::counted, a, zone_.to_local(a).date);
      s.to = b;
      s.seconds = (b - a).seconds;
      why->push_back(std::move(s));
    }
    return b - a;
  }
  TRY_VOID(check_range(a));
  TRY_VOID(check_range(b - Duration{1}));
  if (why) explain_span(a.unix_seconds, b.unix_seconds, *why);
  return Duration{worked_until(b.unix_seconds) - worked_until(a.unix_seconds)};
}

std::optional<std::int64_t> days_until_coverage_ends(const Calendar& c, Instant now,
                                                     int days_before) {
  if (c.spec().kind == CalendarKind::always_working) return std::nullopt;
  Instant end = c.zone().from_local(Date{c.spec().last_year + 1, 1, 1}, TimeOfDay{0});
  std::int64_t left = std::max<std::int64_t>(0, (end - now).seconds / kDay);
  if (left > days_before) return std::nullopt;
  return left;
}

void CalendarBook::put(Calendar c) {
  std::string id = c.id();
  by_id_.insert_or_assign(std::move(id), std::move(c));
}

const Calendar* CalendarBook::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<const Calendar*> CalendarBook::all() const {
  std::vector<const Calendar*> out;
  for (const auto& [id, c] : by_id_)
    out.push_back(&c);
  return out;
}

}  // namespace fuwu::calendar
