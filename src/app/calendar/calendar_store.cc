// The calendar repository: rows <-> calendar::CalendarSpec.
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "app/calendar/calendar_format.h"
#include "app/calendar/calendars.h"
#include "app/calendar/zone_loader.h"

namespace fuwu::app {
namespace {

using calendar::CalendarKind;
using calendar::CalendarSpec;
using calendar::Segment;

constexpr const char* kColumns =
    "id, slug, name_zh, name_en, zone, kind, first_year, last_year, shipped, version, created_at, "
    "updated_at";

Date date_of(const std::string& text) {
  return parse_date(text).value_or(Date{});
}

Result<StoredCalendar> load_children(store::Executor& ex, const store::Row& r) {
  StoredCalendar c;
  c.row_id = r.i64(0);
  CalendarSpec& s = c.spec;
  s.id = r.text(1);
  s.name_zh = r.text(2);
  s.name_en = r.text(3);
  s.zone = r.text(4);
  s.kind = r.text(5) == "always_working" ? CalendarKind::always_working : CalendarKind::weekly;
  s.first_year = static_cast<int>(r.i64(6));
  s.last_year = static_cast<int>(r.i64(7));
  c.shipped = r.i64(8) != 0;
  c.version = r.i64(9);
  s.revision = c.version;
  c.created_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  c.updated_at = parse_rfc3339(r.text(11)).value_or(Instant{});

  std::map<std::string, std::vector<Segment>> special_segments;
  auto segs = TRY(ex.query(
      "SELECT weekday, day, start_second, end_second FROM calendar_segments WHERE calendar_id = $1 "
      "ORDER BY weekday, day, start_second",
      {c.row_id}));
  for (const auto& row : segs) {
    Segment seg{TimeOfDay{static_cast<int>(row.i64(2))}, TimeOfDay{static_cast<int>(row.i64(3))}};
    if (!row.is_null(0)) {
      const auto w = static_cast<std::size_t>(row.i64(0));
      if (w < 7) s.weekly[w].push_back(seg);
    } else {
      special_segments[row.text(1)].push_back(seg);
    }
  }
  auto hols = TRY(ex.query(
      "SELECT name_zh, name_en, date_from, date_to FROM calendar_holidays WHERE calendar_id = $1 "
      "ORDER BY date_from, id",
      {c.row_id}));
  for (const auto& row : hols)
    s.holidays.push_back({row.text(0), row.text(1), date_of(row.text(2)), date_of(row.text(3))});
  auto makeups = TRY(ex.query(
      "SELECT day, works_as, name FROM calendar_makeup_days WHERE calendar_id = $1 ORDER BY day",
      {c.row_id}));
  for (const auto& row : makeups)
    s.makeup_days.push_back({date_of(row.text(0)), static_cast<int>(row.i64(1)), row.text(2)});
  auto specials = TRY(
      ex.query("SELECT day, name FROM calendar_special_days WHERE calendar_id = $1 ORDER BY day",
               {c.row_id}));
  for (const auto& row : specials)
    s.special_days.push_back({date_of(row.text(0)), row.text(1), special_segments[row.text(0)]});
  return c;
}

std::string weekly_text(const CalendarSpec& s) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::string out;
  for (std::size_t w = 0; w < 7; ++w) {
    if (!out.empty()) out += "; ";
    out += std::string(kDays[w]) + " " + calendar::segments_text(s.weekly[w]);
  }
  return out;
}

}  // namespace

bool valid_calendar_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 64) return false;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

Result<std::optional<StoredCalendar>> find_calendar(store::Executor& ex, std::string_view slug) {
  auto row = TRY(ex.query_one(std::string("SELECT ") + kColumns + " FROM calendars WHERE slug = $1",
                              {std::string(slug)}));
  if (!row) return std::optional<StoredCalendar>();
  return std::optional<StoredCalendar>(TRY(load_children(ex, *row)));
}

Result<std::vector<StoredCalendar>> all_calendars(store::Executor& ex) {
  auto rows = TRY(ex.query(std::string("SELECT ") + kColumns + " FROM calendars ORDER BY id"));
  std::vector<StoredCalendar> out;
  for (const auto& r : rows)
    out.push_back(TRY(load_children(ex, r)));
  return out;
}

namespace {

// Everything Calendar::create reads, as one string: the cache key.
std::string fingerprint(const CalendarSpec& s) {
  std::string k = s.id + '\x1f' + s.name_zh + '\x1f' + s.name_en + '\x1f' + s.zone + '\x1f' +
                  std::to_string(static_cast<int>(s.kind)) + ':' + std::to_string(s.first_year) +
                  ':' + std::to_string(s.last_year) + ':' + std::to_string(s.revision) + '\x1e';
  auto segs = [&](const std::vector<Segment>& v) {
    for (const Segment& seg : v)
      k += std::to_string(seg.start.seconds) + '-' + std::to_string(seg.end.seconds) + ',';
    k += ';';
  };
  for (const auto& day : s.weekly)
    segs(day);
  for (const auto& h : s.holidays)
    k += format_date(h.from) + format_date(h.to) + h.name_zh + '\x1f' + h.name_en + '\x1e';
  for (const auto& m : s.makeup_days)
    k += format_date(m.date) + std::to_string(m.works_as) + m.name + '\x1e';
  for (const auto& d : s.special_days) {
    k += format_date(d.date) + d.name + '\x1f';
    segs(d.segments);
  }
  return k;
}

struct CalendarCache {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const calendar::Calendar>, std::less<>> built;
};

CalendarCache& cache() {
  static CalendarCache c;
  return c;
}

}  // namespace

Result<std::shared_ptr<const calendar::Calendar>> build_calendar(const CalendarSpec& spec) {
  std::string key = fingerprint(spec);
  {
    std::lock_guard lock(cache().mu);
    if (auto it = cache().built.find(key); it != cache().built.end()) return it->second;
  }
  auto zone = calendar::load_zone_or_builtin(spec.zone);
  if (!zone.ok()) {
    return Error(ErrorCode::validation_failed, "unknown time zone '" + spec.zone + "'")
        .with_field("/zone", "not_allowed", "an IANA time zone name such as Asia/Shanghai");
  }
  auto built = calendar::Calendar::create(spec, std::move(zone).value());
  if (!built.ok()) {
    Error e = std::move(built).error();
    for (FieldError& f : e.fields)
      if (!f.field.starts_with("/")) f.field = "/" + f.field;
    return e;
  }
  auto shared = std::make_shared<const calendar::Calendar>(std::move(built).value());
  std::lock_guard lock(cache().mu);
  // A few calendars per installation; edits add keys, so start over rather than grow forever.
  if (cache().built.size() >= 64) cache().built.clear();
  cache().built.emplace(std::move(key), shared);
  return shared;
}

Result<calendar::CalendarBook> load_calendar_book(store::Executor& ex) {
  calendar::CalendarBook book;
  for (const StoredCalendar& c : TRY(all_calendars(ex)))
    book.put(*TRY(build_calendar(c.spec)));
  return book;
}

Status write_calendar_rows(store::Executor& ex, std::int64_t row_id, const CalendarSpec& s) {
  TRY_VOID(ex.exec(
      "UPDATE calendars SET name_zh = $2, name_en = $3, zone = $4, first_year = $5, last_year = $6 "
      "WHERE id = $1",
      {row_id, s.name_zh, s.name_en, s.zone, std::int64_t{s.first_year},
       std::int64_t{s.last_year}}));
  for (const char* table : {"calendar_segments", "calendar_holidays", "calendar_makeup_days",
                            "calendar_special_days"}) {
    TRY_VOID(ex.exec(std::string("DELETE FROM ") + table + " WHERE calendar_id = $1", {row_id}));
  }
  for (std::size_t w = 0; w < 7; ++w) {
    for (const Segment& seg : s.weekly[w]) {
      TRY_VOID(
          ex.exec("INSERT INTO calendar_segments (calendar_id, weekday, start_second, end_second) "
                  "VALUES ($1, $2, $3, $4)",
                  {row_id, static_cast<std::int64_t>(w), std::int64_t{seg.start.seconds},
                   std::int64_t{seg.end.seconds}}));
    }
  }
  for (const auto& h : s.holidays) {
    TRY_VOID(
        ex.exec("INSERT INTO calendar_holidays (calendar_id, name_zh, name_en, date_from, date_to) "
                "VALUES ($1, $2, $3, $4, $5)",
                {row_id, h.name_zh, h.name_en, format_date(h.from), format_date(h.to)}));
  }
  for (const auto& m : s.makeup_days) {
    TRY_VOID(ex.exec(
        "INSERT INTO calendar_makeup_days (calendar_id, day, works_as, name) VALUES ($1, $2, $3, "
        "$4)",
        {row_id, format_date(m.date), std::int64_t{m.works_as}, m.name}));
  }
  for (const auto& d : s.special_days) {
    TRY_VOID(
        ex.exec("INSERT INTO calendar_special_days (calendar_id, day, name) VALUES ($1, $2, $3)",
                {row_id, format_date(d.date), d.name}));
    for (const Segment& seg : d.segments) {
      TRY_VOID(
          ex.exec("INSERT INTO calendar_segments (calendar_id, day, start_second, end_second) "
                  "VALUES ($1, $2, $3, $4)",
                  {row_id, format_date(d.date), std::int64_t{seg.start.seconds},
                   std::int64_t{seg.end.seconds}}));
    }
  }
  return {};
}

std::vector<std::pair<std::string, std::string>> calendar_audit_fields(const CalendarSpec& s) {
  std::string holidays;
  for (const auto& h : s.holidays) {
    if (!holidays.empty()) holidays += "; ";
    holidays += format_date(h.from) + ".." + format_date(h.to) + " " + h.name_zh;
  }
  std::string makeups;
  for (const auto& m : s.makeup_days) {
    if (!makeups.empty()) makeups += "; ";
    makeups += format_date(m.date) + " " + m.name;
  }
  std::string specials;
  for (const auto& d : s.special_days) {
    if (!specials.empty()) specials += "; ";
    specials += format_date(d.date) + " " + calendar::segments_text(d.segments);
  }
  return {{"name_zh", s.name_zh},
          {"name_en", s.name_en},
          {"zone", s.zone},
          {"first_year", std::to_string(s.first_year)},
          {"last_year", std::to_string(s.last_year)},
          {"weekly", weekly_text(s)},
          {"holidays", holidays},
          {"makeup_days", makeups},
          {"special_days", specials}};
}

Result<ClocksToRecompute> clocks_to_recompute(store::Executor& ex, std::string_view slug) {
  ClocksToRecompute out;
  out.calendar = std::string(slug);
  auto version =
      TRY(ex.query_one("SELECT version FROM calendars WHERE slug = $1", {std::string(slug)}));
  if (version) out.revision = version->i64(0);
  auto rows = TRY(ex.query(
      "SELECT DISTINCT p.slug FROM sla_targets t JOIN sla_policies p ON p.id = t.policy_id "
      "WHERE t.calendar_slug = $1 ORDER BY p.slug",
      {std::string(slug)}));
  for (const auto& r : rows)
    out.policies.push_back(r.text(0));
  // The service desk adds here: open records whose clocks run under out.policies.
  return out;
}

}  // namespace fuwu::app
