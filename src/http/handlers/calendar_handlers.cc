// /api/v1/calendars: CRUD, copy, yearly import with a dry run, the month view, and working-time
// arithmetic (deadline, between) answering exactly what `fuwu calendar` answers.
#include <cmath>

#include "app/calendar/calendar_format.h"
#include "app/calendar/calendars.h"
#include "app/calendar/holiday_formats.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;
using calendar::CalendarSpec;
using calendar::Segment;

constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
constexpr TextRule kName{.max_chars = 200, .single_line = true};
constexpr TextRule kRequiredName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kSlug{.min_chars = 1, .max_chars = 64, .single_line = true};

// --- JSON out ----------------------------------------------------------------------------------

json::array segments_json(const std::vector<Segment>& segments) {
  json::array out;
  for (const Segment& s : segments)
    out.push_back(
        json::object{{"start", format_time_of_day(s.start)}, {"end", format_time_of_day(s.end)}});
  return out;
}

json::object calendar_json(const app::StoredCalendar& c) {
  const CalendarSpec& s = c.spec;
  json::array weekly;
  for (const auto& day : s.weekly)
    weekly.push_back(segments_json(day));
  json::array holidays;
  for (const auto& h : s.holidays)
    holidays.push_back(json::object{{"name", h.name_zh},
                                    {"name_en", h.name_en},
                                    {"from", format_date(h.from)},
                                    {"to", format_date(h.to)}});
  json::array makeups;
  for (const auto& m : s.makeup_days)
    makeups.push_back(json::object{{"date", format_date(m.date)},
                                   {"works_as", kWeekdays[static_cast<std::size_t>(m.works_as)]},
                                   {"name", m.name}});
  json::array specials;
  for (const auto& d : s.special_days)
    specials.push_back(json::object{
        {"date", format_date(d.date)}, {"name", d.name}, {"segments", segments_json(d.segments)}});
  return {{"id", s.id},
          {"name_zh", s.name_zh},
          {"name_en", s.name_en},
          {"zone", s.zone},
          {"kind", s.kind == calendar::CalendarKind::always_working ? "always_working" : "weekly"},
          {"weekly", std::move(weekly)},
          {"holidays", std::move(holidays)},
          {"makeup_days", std::move(makeups)},
          {"special_days", std::move(specials)},
          {"first_year", s.first_year},
          {"last_year", s.last_year},
          {"shipped", c.shipped},
          {"record_id", c.row_id},
          {"version", c.version},
          {"created_at", instant_json(c.created_at)},
          {"updated_at", instant_json(c.updated_at)}};
}

void respond_calendar(ApiContext& ctx, int status, const app::StoredCalendar& c) {
  ctx.response.set_header("ETag", etag(c.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/calendars/" + c.spec.id);
  respond(ctx, status, calendar_json(c));
}

// --- JSON in -----------------------------------------------------------------------------------

std::optional<TimeOfDay> read_time(BodyReader& r, std::string_view key) {
  auto text = r.text(key, Presence::required, {.min_chars = 1, .max_chars = 8});
  if (!text) return std::nullopt;
  auto t = parse_time_of_day(*text);
  if (!t) r.add_error(r.pointer_of(key), "invalid_format", "HH:MM from 00:00 to 24:00");
  return t;
}

// Calls `each(reader)` for every object of the array `v` at `ptr`; problems are recorded on `r`.
template <typename F>
void each_object(BodyReader& r, const json::value& v, const std::string& ptr, F each) {
  if (!v.is_array()) {
    r.add_error(ptr, "wrong_type", "must be an array of objects");
    return;
  }
  const auto& arr = v.as_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    auto sub = BodyReader::from(arr[i], ptr + "/" + std::to_string(i));
    if (!sub.ok()) {
      r.add_errors(Status(sub.error()));
      continue;
    }
    each(*sub);
    r.add_errors(sub->finish());
  }
}

// An array of {"start": "09:00", "end": "12:00"}.
std::vector<Segment> read_segments(BodyReader& r, const json::value& v, const std::string& ptr) {
  std::vector<Segment> out;
  each_object(r, v, ptr, [&](BodyReader& s) {
    auto start = read_time(s, "start");
    auto end = read_time(s, "end");
    if (start && end) out.push_back({*start, *end});
  });
  return out;
}

int weekday_index(std::string_view name) {
  for (std::size_t i = 0; i < 7; ++i)
    if (kWeekdays[i] == name) return static_cast<int>(i);
  return 0;
}

// The members a create and a patch share. Absent members stay nullopt.
app::CalendarPatch read_calendar_members(BodyReader& r, Presence names) {
  app::CalendarPatch p;
  p.name_zh = r.text("name_zh", names, names == Presence::required ? kRequiredName : kName);
  p.name_en = r.text("name_en", Presence::optional, kName);
  p.zone = r.text("zone", names, {.min_chars = 1, .max_chars = 64, .single_line = true});
  if (const auto* v = r.raw("weekly")) {
    std::array<std::vector<Segment>, 7> weekly;
    if (!v->is_array() || v->as_array().size() != 7) {
      r.add_error(r.pointer_of("weekly"), "wrong_type",
                  "must be an array of 7 segment lists, Monday first");
    } else {
      for (std::size_t w = 0; w < 7; ++w)
        weekly[w] =
            read_segments(r, v->as_array()[w], r.pointer_of("weekly") + "/" + std::to_string(w));
    }
    p.weekly = weekly;
  }
  if (const auto* v = r.raw("holidays")) {
    std::vector<calendar::Holiday> holidays;
    each_object(r, *v, r.pointer_of("holidays"), [&](BodyReader& h) {
      auto name = h.text("name", Presence::required, kRequiredName);
      auto name_en = h.text("name_en", Presence::optional, kName);
      auto from = h.date("from", Presence::required);
      auto to = h.date("to", Presence::required);
      if (name && from && to) holidays.push_back({*name, name_en.value_or(""), *from, *to});
    });
    p.holidays = std::move(holidays);
  }
  if (const auto* v = r.raw("makeup_days")) {
    std::vector<calendar::MakeupDay> makeups;
    each_object(r, *v, r.pointer_of("makeup_days"), [&](BodyReader& m) {
      auto date = m.date("date", Presence::required);
      auto works_as = m.one_of("works_as", {"monday", "tuesday", "wednesday", "thursday", "friday",
                                            "saturday", "sunday"});
      auto name = m.text("name", Presence::optional, kName);
      if (date)
        makeups.push_back({*date, weekday_index(works_as.value_or("monday")), name.value_or("")});
    });
    p.makeup_days = std::move(makeups);
  }
  if (const auto* v = r.raw("special_days")) {
    std::vector<calendar::SpecialDay> specials;
    each_object(r, *v, r.pointer_of("special_days"), [&](BodyReader& d) {
      auto date = d.date("date", Presence::required);
      auto name = d.text("name", Presence::optional, kName);
      std::vector<Segment> segments;
      if (const auto* s = d.raw("segments", Presence::required))
        segments = read_segments(d, *s, d.pointer_of("segments"));
      if (date) specials.push_back({*date, name.value_or(""), std::move(segments)});
    });
    p.special_days = std::move(specials);
  }
  auto year = [&](std::string_view key) -> std::optional<int> {
    auto y = r.integer(key, Presence::optional, {.min = 1900, .max = 2400});
    if (!y) return std::nullopt;
    return static_cast<int>(*y);
  };
  p.first_year = year("first_year");
  p.last_year = year("last_year");
  return p;
}

// --- handlers ----------------------------------------------------------------------------------

std::string slug_param(const ApiContext& ctx) {
  return std::string(ctx.params.get("id"));
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "calendars"));
  app::CalendarPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_calendars(ex, ctx.actor(), page.after_id, page.limit));
    return {};
  }));
  json::array items;
  for (const auto& c : result.items)
    items.push_back(calendar_json(c));
  json::object out{{"items", std::move(items)}};
  out["next_cursor"] = result.next_after_id
                           ? json::value(encode_cursor("calendars", *result.next_after_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  CalendarSpec spec;
  spec.id = r.text("id", Presence::required, kSlug).value_or("");
  auto kind = r.one_of("kind", {"weekly", "always_working"});
  app::CalendarPatch m = read_calendar_members(r, Presence::required);
  if (kind == "always_working") {
    for (const char* key : {"weekly", "holidays", "makeup_days", "special_days"})
      if (r.has(key))
        r.add_error(r.pointer_of(key), "not_allowed", "a 24x7 calendar works at every instant");
  }
  TRY_VOID(r.finish());
  spec.name_zh = m.name_zh.value_or("");
  spec.name_en = m.name_en.value_or("");
  spec.zone = m.zone.value_or("");
  const int this_year = civil_from_days(ctx.now().unix_seconds / 86400).year;
  spec.first_year = m.first_year.value_or(m.last_year.value_or(this_year));
  spec.last_year = m.last_year.value_or(spec.first_year);
  if (kind == "always_working") {
    spec.kind = calendar::CalendarKind::always_working;
    for (auto& day : spec.weekly)
      day = {{TimeOfDay{0}, TimeOfDay{86400}}};
  } else {
    if (m.weekly) spec.weekly = *m.weekly;
    if (m.holidays) spec.holidays = *m.holidays;
    if (m.makeup_days) spec.makeup_days = *m.makeup_days;
    if (m.special_days) spec.special_days = *m.special_days;
  }
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::create_calendar(ex, ctx.actor(), ctx.now(), spec));
    respond_calendar(ctx, 201, c);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto c = TRY(app::get_calendar(ex, ctx.actor(), slug_param(ctx)));
    respond_calendar(ctx, 200, c);
    return {};
  });
}

Status patch(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::CalendarPatch p = read_calendar_members(r, Presence::optional);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::update_calendar(ex, ctx.actor(), ctx.now(), slug_param(ctx), version, p));
    respond_calendar(ctx, 200, c);
    return {};
  });
}

Status remove(ApiContext& ctx) {
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_calendar(ex, ctx.actor(), ctx.now(), slug_param(ctx), version));
    ctx.response.status = 204;
    return {};
  });
}

Status copy(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  auto id = r.text("id", Presence::required, kSlug);
  auto name_zh = r.text("name_zh", Presence::optional, kName);
  auto name_en = r.text("name_en", Presence::optional, kName);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::copy_calendar(ex, ctx.actor(), ctx.now(), slug_param(ctx), *id,
                                    name_zh.value_or(""), name_en.value_or("")));
    respond_calendar(ctx, 201, c);
    return {};
  });
}

Result<bool> dry_run_param(const ApiContext& ctx) {
  auto v = ctx.query("dry_run");
  if (!v || *v == "false") return false;
  if (*v == "true") return true;
  return Error(ErrorCode::invalid_request, "dry_run must be true or false")
      .with_field("dry_run", "not_allowed", "true or false");
}

Status import(ApiContext& ctx) {
  const std::string_view ct = ctx.request.header("content-type");
  const bool ics = ct.starts_with("text/calendar");
  if (!ics && !ct.starts_with("application/json")) {
    return Error(ErrorCode::unsupported_media_type,
                 "send the holidays as application/json (the shipped format) or text/calendar");
  }
  // The route takes uploads (for text/calendar) but a year of holidays is small: JSON's limit.
  if (ctx.request.body.size() > 1024 * 1024) {
    return Error(ErrorCode::payload_too_large, "a holiday file is at most 1 MiB");
  }
  if (ics && find_invalid_utf8(ctx.request.body) != std::string_view::npos) {
    return Error(ErrorCode::invalid_request, "the iCalendar file is not valid UTF-8")
        .with_field("", "invalid_utf8", "save the file as UTF-8");
  }
  const bool dry = TRY(dry_run_param(ctx));
  std::optional<std::int64_t> version;
  if (!ctx.request.header("if-match").empty()) version = TRY(ctx.if_match_version());
  calendar::ImportData data;
  if (ics) {
    data = TRY(calendar::parse_ics(ctx.request.body));
  } else {
    TRY_VOID(parse_json_body(ctx.request.body));  // duplicate keys, depth, UTF-8
    data = TRY(calendar::parse_holiday_json(ctx.request.body));
  }
  if (data.years.empty()) {
    return Error(ErrorCode::validation_failed, "the file names no year")
        .with_field("", "required", "at least one year of holidays");
  }
  return ctx.write([&](store::Executor& ex) -> Status {
    auto out = TRY(app::import_calendar_year(ex, ctx.actor(), ctx.now(), slug_param(ctx), data,
                                             dry ? app::DryRun::yes : app::DryRun::no, version));
    json::array changes;
    for (const auto& d : out.diff)
      changes.push_back(
          json::object{{"change", d.change == calendar::DiffLine::Change::added     ? "added"
                                  : d.change == calendar::DiffLine::Change::removed ? "removed"
                                                                                    : "coverage"},
                       {"year", d.year},
                       {"text", d.text}});
    json::array lines;
    for (const auto& l : calendar::diff_lines(out.diff))
      lines.push_back(json::value(l));
    ctx.response.set_header("ETag", etag(out.calendar.version));
    respond(ctx, 200,
            json::object{{"dry_run", dry},
                         {"written", out.written},
                         {"changes", std::move(changes)},
                         {"lines", std::move(lines)},
                         {"calendar", calendar_json(out.calendar)}});
    return {};
  });
}

// Loads and builds the calendar named by the path, for the arithmetic routes.
Result<std::shared_ptr<const calendar::Calendar>> computable(ApiContext& ctx) {
  CalendarSpec spec;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    spec = TRY(app::get_calendar(ex, ctx.actor(), slug_param(ctx))).spec;
    return {};
  }));
  return app::build_calendar(spec);
}

Status month(ApiContext& ctx) {
  auto number = [&](std::string_view key, int lo, int hi) -> Result<int> {
    auto v = ctx.query(key);
    int n = 0;
    bool ok = v && !v->empty() && v->size() <= 4;
    for (char c : v.value_or("")) {
      if (c < '0' || c > '9') ok = false;
      if (ok) n = n * 10 + (c - '0');
    }
    if (!ok || n < lo || n > hi) {
      return Error(ErrorCode::invalid_request, std::string(key) + " is missing or out of range")
          .with_field(std::string(key), "out_of_range",
                      std::to_string(lo) + " to " + std::to_string(hi));
    }
    return n;
  };
  const int year = TRY(number("year", 1900, 2400));
  const int month = TRY(number("month", 1, 12));
  const auto cal_ptr = TRY(computable(ctx));
  const calendar::Calendar& cal = *cal_ptr;
  json::array days;
  bool covered = true;
  for (Date d{year, month, 1}; d.month == month && d.year == year; d = add_days(d, 1)) {
    const calendar::DayInfo info = cal.day(d);
    std::int64_t seconds = 0;
    for (const Segment& s : info.segments)
      seconds += s.end.seconds - s.start.seconds;
    covered = covered && info.covered;
    json::object day{{"date", format_date(d)},
                     {"weekday", kWeekdays[static_cast<std::size_t>(iso_weekday(d))]},
                     {"working", !info.segments.empty()},
                     {"reason", calendar::day_reason_slug(info.reason)},
                     {"segments", segments_json(info.segments)},
                     {"working_seconds", seconds},
                     {"covered", info.covered}};
    if (!info.name_zh.empty()) day["name"] = info.name_zh;
    if (!info.name_en.empty()) day["name_en"] = info.name_en;
    days.push_back(std::move(day));
  }
  respond(ctx, 200,
          json::object{{"calendar", cal.id()},
                       {"revision", cal.spec().revision},
                       {"year", year},
                       {"month", month},
                       {"covered", covered},
                       {"days", std::move(days)}});
  return {};
}

Status deadline(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  auto start = r.instant("start", Presence::required);
  auto hours = r.number("hours");
  auto minutes = r.integer("minutes");
  auto days = r.integer("working_days");
  const int given = (hours ? 1 : 0) + (minutes ? 1 : 0) + (days ? 1 : 0);
  if (given != 1) {
    r.add_error("/hours", "required", "give exactly one of hours, minutes, working_days");
  }
  if (hours && (!std::isfinite(*hours) || *hours < 0 || *hours > 1e6))
    r.add_error("/hours", "out_of_range", "0 or more working hours");
  if (minutes && (*minutes < 0 || *minutes > 60'000'000))
    r.add_error("/minutes", "out_of_range", "0 or more working minutes");
  if (days && (*days < 0 || *days > 36'500))
    r.add_error("/working_days", "out_of_range", "0 or more working days");
  TRY_VOID(r.finish());
  const auto cal_ptr = TRY(computable(ctx));
  const calendar::Calendar& cal = *cal_ptr;
  calendar::Explanation why;
  Result<Instant> end = Instant{};
  if (days) {
    end = cal.deadline_days(*start, static_cast<int>(*days), &why);
  } else {
    const std::int64_t seconds = hours ? std::llround(*hours * 3600) : *minutes * 60;
    end = cal.deadline(*start, Duration{seconds}, &why);
  }
  if (!end.ok()) return std::move(end).error();
  ctx.json(200, calendar::deadline_json(cal, *end, why));
  return {};
}

Status between(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  auto from = r.instant("from", Presence::required);
  auto to = r.instant("to", Presence::required);
  TRY_VOID(r.finish());
  const auto cal_ptr = TRY(computable(ctx));
  const calendar::Calendar& cal = *cal_ptr;
  calendar::Explanation why;
  const Duration worked = TRY(cal.between(*from, *to, &why));
  respond(ctx, 200,
          json::object{{"working_seconds", worked.seconds},
                       {"explanation", json::parse(calendar::explanation_json(cal, why))}});
  return {};
}

}  // namespace

void add_calendar_routes(Router& router) {
  router.add({"GET", "/api/v1/calendars", "listCalendars", Access::permission, "calendar.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/calendars", "createCalendar", Access::permission, "calendar.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/calendars/{id}", "getCalendar", Access::permission, "calendar.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/calendars/{id}", "updateCalendar", Access::permission,
              "calendar.write", BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/calendars/{id}", "deleteCalendar", Access::permission,
              "calendar.write", BodyKind::none, remove});
  router.add({"POST", "/api/v1/calendars/{id}/copy", "copyCalendar", Access::permission,
              "calendar.write", BodyKind::json, copy});
  router.add({"POST", "/api/v1/calendars/{id}/import", "importCalendarYear", Access::permission,
              "calendar.write", BodyKind::upload, import});
  router.add({"GET", "/api/v1/calendars/{id}/month", "getCalendarMonth", Access::permission,
              "calendar.read", BodyKind::none, month});
  router.add({"POST", "/api/v1/calendars/{id}/deadline", "computeCalendarDeadline",
              Access::permission, "calendar.read", BodyKind::json, deadline});
  router.add({"POST", "/api/v1/calendars/{id}/between", "computeWorkingTime", Access::permission,
              "calendar.read", BodyKind::json, between});
}

}  // namespace fuwu::http
