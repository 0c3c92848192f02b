#include "app/calendar/calendar_format.h"

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace fuwu::calendar {
namespace {

namespace json = boost::json;

constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

std::string local_time(const Calendar& c, Instant t) {
  return format_time_of_day(TimeOfDay{c.zone().to_local(t).seconds_of_day});
}

std::string names(const Step& s) {
  if (s.name_en.empty()) return s.name_zh;
  return s.name_zh + " (" + s.name_en + ")";
}

std::string pad(std::string word) {
  word.resize(std::max<std::size_t>(word.size(), 9), ' ');
  return word;
}

}  // namespace

std::string format_working_time(std::int64_t seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lldh%02lldm%02llds", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds % 3600 / 60), static_cast<long long>(seconds % 60));
  return buf;
}

std::string segments_text(const std::vector<Segment>& segments) {
  if (segments.empty()) return "—";
  std::string out;
  for (const Segment& s : segments) {
    if (!out.empty()) out += ", ";
    out += format_time_of_day(s.start) + "–" + format_time_of_day(s.end);
  }
  return out;
}

std::vector<std::string> explanation_lines(const Calendar& c, const Explanation& why) {
  std::vector<std::string> out;
  for (const Step& s : why) {
    switch (s.kind) {
      case Step::Kind::start:
        out.push_back(pad("start") + c.format(s.from));
        break;
      case Step::Kind::counted:
        out.push_back(pad("count") + format_date(s.date) + " " + local_time(c, s.from) + "–" +
                      local_time(c, s.to) + "  " + format_working_time(s.seconds));
        break;
      case Step::Kind::working_day:
        out.push_back(pad("day " + std::to_string(s.seconds)) + format_date(s.date));
        break;
      case Step::Kind::skipped:
        out.push_back(pad("skip") + format_date(s.date) +
                      (s.last_date == s.date ? "" : ".." + format_date(s.last_date)) + "  " +
                      names(s));
        break;
      case Step::Kind::makeup_day:
        out.push_back(pad("make-up") + format_date(s.date) + "  " + s.name_zh + " (hours of " +
                      kWeekdays[static_cast<std::size_t>(s.seconds)] + ")");
        break;
      case Step::Kind::special_day:
        out.push_back(pad("special") + format_date(s.date) + "  " + s.name_zh);
        break;
      case Step::Kind::beyond_coverage:
        out.push_back(pad("note") + std::to_string(s.seconds) +
                      " is beyond the calendar's imported years: weekly pattern only");
        break;
      case Step::Kind::end:
        out.push_back(pad("end") + c.format(s.to));
        break;
    }
  }
  return out;
}

namespace {

json::array explanation_array(const Calendar& c, const Explanation& why) {
  json::array arr;
  for (const Step& s : why) {
    json::object o;
    o["kind"] = step_kind_slug(s.kind);
    switch (s.kind) {
      case Step::Kind::start:
        o["at"] = c.format(s.from);
        break;
      case Step::Kind::end:
        o["at"] = c.format(s.to);
        break;
      case Step::Kind::counted:
        o["date"] = format_date(s.date);
        o["from"] = c.format(s.from);
        o["to"] = c.format(s.to);
        o["seconds"] = s.seconds;
        break;
      case Step::Kind::working_day:
        o["date"] = format_date(s.date);
        o["number"] = s.seconds;
        break;
      case Step::Kind::skipped:
        o["date"] = format_date(s.date);
        o["last_date"] = format_date(s.last_date);
        o["name"] = s.name_zh;
        o["name_en"] = s.name_en;
        break;
      case Step::Kind::makeup_day:
        o["date"] = format_date(s.date);
        o["name"] = s.name_zh;
        o["works_as"] = kWeekdays[static_cast<std::size_t>(s.seconds)];
        break;
      case Step::Kind::special_day:
        o["date"] = format_date(s.date);
        o["name"] = s.name_zh;
        break;
      case Step::Kind::beyond_coverage:
        o["date"] = format_date(s.date);
        o["year"] = s.seconds;
        break;
    }
    arr.push_back(std::move(o));
  }
  return arr;
}

}  // namespace

std::string explanation_json(const Calendar& c, const Explanation& why) {
  return json::serialize(explanation_array(c, why));
}

std::string deadline_json(const Calendar& c, Instant deadline, const Explanation& why) {
  json::object o;
  o["deadline"] = c.format(deadline);
  o["explanation"] = explanation_array(c, why);
  return json::serialize(o);
}

std::string error_text(const Error& e) {
  std::string text = e.message;
  for (const FieldError& f : e.fields)
    text += "\n  " + f.field + ": " + f.message;
  return text;
}

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::not_found, "cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> diff_lines(const std::vector<DiffLine>& diff) {
  std::vector<std::string> out;
  for (const DiffLine& d : diff) {
    const char* sign = d.change == DiffLine::Change::added     ? "+ "
                       : d.change == DiffLine::Change::removed ? "- "
                                                               : "~ ";
    out.push_back(sign + std::to_string(d.year) + " " + d.text);
  }
  return out;
}

}  // namespace fuwu::calendar
