#include "app/calendar/holiday_formats.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <string>

namespace fuwu::calendar {
namespace {

namespace json = boost::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const json::string* string_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

}  // namespace

Result<ImportData> parse_holiday_json(std::string_view text, int works_as) {
  boost::system::error_code ec;
  json::value root = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return make_error(ErrorCode::invalid_request, "holiday JSON: " + ec.message());
  if (!root.is_object())
    return make_error(ErrorCode::invalid_request, "holiday JSON: the top level must be an object");
  Error e(ErrorCode::validation_failed, "holiday JSON has invalid values");
  ImportData data;
  for (const auto& [key, body] : root.as_object()) {
    std::string year_text(key);
    YearExceptions y;
    if (year_text.size() != 4 || !std::all_of(year_text.begin(), year_text.end(), ::isdigit) ||
        !body.is_object()) {
      e.with_field(year_text, "bad_year", "expected a 4-digit year mapping to an object");
      continue;
    }
    y.year = std::stoi(year_text);
    const json::object& o = body.as_object();
    if (const json::value* hs = o.if_contains("holidays"); hs && hs->is_array()) {
      std::size_t i = 0;
      for (const json::value& hv : hs->as_array()) {
        std::string field = year_text + "/holidays/" + std::to_string(i++);
        const json::object* h = hv.if_object();
        const json::string* name = h ? string_at(*h, "name") : nullptr;
        const json::string* from = h ? string_at(*h, "from") : nullptr;
        const json::string* to = h ? string_at(*h, "to") : nullptr;
        const json::string* name_en = h ? string_at(*h, "name_en") : nullptr;
        auto f = from ? parse_date(std::string_view(from->data(), from->size())) : std::nullopt;
        auto t = to ? parse_date(std::string_view(to->data(), to->size())) : std::nullopt;
        if (!name || name->empty() || !f || !t || *t < *f || f->year != y.year) {
          e.with_field(field, "bad_holiday",
                       "a holiday needs a name and dates from <= to starting in its year");
          continue;
        }
        y.holidays.push_back(
            Holiday{std::string(*name), name_en ? std::string(*name_en) : "", *f, *t});
      }
    } else if (o.contains("holidays")) {
      e.with_field(year_text + "/holidays", "bad_type", "expected an array");
    }
    if (const json::value* ws = o.if_contains("workdays"); ws && ws->is_array()) {
      std::size_t i = 0;
      for (const json::value& wv : ws->as_array()) {
        std::string field = year_text + "/workdays/" + std::to_string(i++);
        const json::string* s = wv.if_string();
        auto d = s ? parse_date(std::string_view(s->data(), s->size())) : std::nullopt;
        if (!d || d->year != y.year) {
          e.with_field(field, "bad_date", "expected a date YYYY-MM-DD in its year");
          continue;
        }
        y.makeup_days.push_back(MakeupDay{*d, works_as, ""});
      }
    } else if (o.contains("workdays")) {
      e.with_field(year_text + "/workdays", "bad_type", "expected an array");
    }
    if (const json::value* n = o.if_contains("notice"); n && n->is_object()) {
      const json::string* title = string_at(n->as_object(), "title");
      const json::string* doc = string_at(n->as_object(), "doc_no");
      if (title) y.source = std::string(*title);
      if (doc) y.source += (y.source.empty() ? "" : " ") + std::string(*doc);
    }
    name_makeup_days(y);
    data.years.push_back(std::move(y));
  }
  if (!e.fields.empty()) return e;
  std::sort(data.years.begin(), data.years.end(),
            [](const YearExceptions& a, const YearExceptions& b) { return a.year < b.year; });
  return data;
}

namespace {

// Unfolds RFC 5545 content lines (a line starting with a space or tab continues the previous).
std::vector<std::string> content_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty()) {
      lines.back().append(line.substr(1));
    } else if (!line.empty()) {
      lines.emplace_back(line);
    }
    pos = end + 1;
  }
  return lines;
}

std::optional<Date> ics_date(std::string_view params, std::string_view value) {
  (void)params;
  if (value.size() != 8 || !std::all_of(value.begin(), value.end(), ::isdigit)) return std::nullopt;
  Date d{std::stoi(std::string(value.substr(0, 4))), std::stoi(std::string(value.substr(4, 2))),
         std::stoi(std::string(value.substr(6, 2)))};
  if (!is_valid_date(d)) return std::nullopt;
  return d;
}

std::string ics_unescape(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      ++i;
      out.push_back(v[i] == 'n' || v[i] == 'N' ? ' ' : v[i]);
    } else {
      out.push_back(v[i]);
    }
  }
  return out;
}

bool means_workday(const std::string& summary, const std::string& categories) {
  std::string all = lower(summary + " " + categories);
  return all.find("班") != std::string::npos || all.find("workday") != std::string::npos ||
         all.find("working day") != std::string::npos || all.find("make-up") != std::string::npos;
}

}  // namespace

Result<ImportData> parse_ics(std::string_view text, int works_as) {
  std::vector<std::string> lines = content_lines(text);
  if (lines.empty() || lines.front() != "BEGIN:VCALENDAR")
    return make_error(ErrorCode::invalid_request,
                      "iCalendar: the file must start with BEGIN:VCALENDAR");
  Error e(ErrorCode::validation_failed, "iCalendar file has invalid events");
  std::map<int, YearExceptions> years;
  bool in_event = false;
  std::string summary, categories;
  std::optional<Date> start, end;
  bool bad_date = false;
  int event_no = 0;
  for (const std::string& line : lines) {
    if (line == "BEGIN:VEVENT") {
      in_event = true;
      summary.clear();
      categories.clear();
      start.reset();
      end.reset();
      bad_date = false;
      continue;
    }
    if (!in_event) continue;
    if (line == "END:VEVENT") {
      in_event = false;
      std::string field = "events/" + std::to_string(event_no++);
      if (bad_date || !start || (end && *end <= *start)) {
        e.with_field(field, "bad_date",
                     "DTSTART/DTEND must be dates (VALUE=DATE), DTEND after DTSTART: " + summary);
        continue;
      }
      Date last = end ? add_days(*end, -1) : *start;  // DTEND is exclusive
      if (means_workday(summary, categories)) {
        for (Date d = *start; d <= last; d = add_days(d, 1)) {
          YearExceptions& y = years[d.year];
          y.year = d.year;
          y.makeup_days.push_back(MakeupDay{d, works_as, ""});
        }
      } else {
        YearExceptions& y = years[start->year];
        y.year = start->year;
        y.holidays.push_back(Holiday{summary.empty() ? "假日" : summary, "", *start, last});
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string_view head(line.data(), colon);
    std::string_view value(line.data() + colon + 1, line.size() - colon - 1);
    std::size_t semi = head.find(';');
    std::string_view prop = head.substr(0, semi);
    std::string_view params = semi == std::string_view::npos ? "" : head.substr(semi + 1);
    if (prop == "SUMMARY") {
      summary = ics_unescape(value);
    } else if (prop == "CATEGORIES") {
      categories = ics_unescape(value);
    } else if (prop == "DTSTART" || prop == "DTEND") {
      auto d = ics_date(params, value);
      if (!d) bad_date = true;
      (prop == "DTSTART" ? start : end) = d;
    }
  }
  if (!e.fields.empty()) return e;
  ImportData data;
  for (auto& [year, y] : years) {
    name_makeup_days(y);
    y.source = "iCalendar import";
    data.years.push_back(std::move(y));
  }
  return data;
}

Result<ImportData> parse_import(std::string_view text, int works_as) {
  std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && text.substr(first).starts_with("BEGIN:VCALENDAR"))
    return parse_ics(text.substr(first), works_as);
  return parse_holiday_json(text, works_as);
}

}  // namespace fuwu::calendar
