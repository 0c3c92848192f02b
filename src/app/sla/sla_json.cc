#include "app/sla/sla_json.h"

#include <boost/json.hpp>
#include <cmath>

#include "app/calendar/calendar_format.h"

namespace fuwu::sla {
namespace {

namespace json = boost::json;

Result<json::value> parse(std::string_view text, const char* what) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(text.data(), text.size()), ec);
  if (ec) return make_error(ErrorCode::invalid_request, std::string(what) + ": " + ec.message());
  if (!v.is_object())
    return make_error(ErrorCode::invalid_request, std::string(what) + ": expected an object");
  return v;
}

std::optional<std::string> str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

std::optional<double> num(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_uint64()) return static_cast<double>(v->as_uint64());
  if (v->is_double()) return v->as_double();
  return std::nullopt;
}

std::vector<int> percents(const json::value& v) {
  std::vector<int> out;
  if (const json::array* a = v.if_array())
    for (const json::value& x : *a)
      if (x.is_int64()) out.push_back(static_cast<int>(x.as_int64()));
  return out;
}

Target parse_target(const json::object& o, const std::string& field, Error& e) {
  Target t;
  auto kind = str(o, "kind");
  auto k = kind ? parse_target_kind(*kind) : std::nullopt;
  if (!k)
    e.with_field(field + "/kind", "bad_kind",
                 "one of first_response, resolution, onsite, update_interval");
  else
    t.kind = *k;
  t.calendar_id = str(o, "calendar").value_or("");
  struct Unit {
    const char* key;
    DurationUnit unit;
    double scale;
  };
  static constexpr Unit kUnits[] = {{"working_hours", DurationUnit::working_seconds, 3600},
                                    {"working_minutes", DurationUnit::working_seconds, 60},
                                    {"working_seconds", DurationUnit::working_seconds, 1},
                                    {"working_days", DurationUnit::working_days, 1}};
  int found = 0;
  for (const Unit& u : kUnits) {
    if (auto n = num(o, u.key)) {
      ++found;
      t.duration = {u.unit, std::llround(*n * u.scale)};
    }
  }
  if (found != 1)
    e.with_field(field, "duration",
                 "exactly one of working_hours, working_minutes, working_seconds, working_days");
  if (const json::value* w = o.if_contains("warnings")) t.warning_percents = percents(*w);
  if (const json::value* xs = o.if_contains("escalations"); xs && xs->is_array()) {
    for (const json::value& xv : xs->as_array()) {
      const json::object* x = xv.if_object();
      if (!x) continue;
      Escalation esc;
      esc.at_percent = static_cast<int>(num(*x, "at_percent").value_or(100));
      auto action = parse_escalation_action(str(*x, "action").value_or("notify"));
      if (!action)
        e.with_field(field + "/escalations", "bad_action", "notify, reassign or raise_priority");
      else
        esc.action = *action;
      esc.group = str(*x, "group").value_or("");
      t.escalations.push_back(std::move(esc));
    }
  }
  return t;
}

Policy parse_policy(const json::object& o, const std::string& field, Error& e) {
  Policy p;
  p.id = str(o, "id").value_or("");
  p.name = str(o, "name").value_or(p.id);
  if (const json::value* m = o.if_contains("match"); m && m->is_object()) {
    const json::object& mo = m->as_object();
    p.match.contract = str(mo, "contract");
    p.match.customer = str(mo, "customer");
    p.match.service = str(mo, "service");
    p.match.record_type = str(mo, "type");
    p.match.priority = str(mo, "priority");
  }
  if (const json::value* ps = o.if_contains("pause_states"); ps && ps->is_array())
    for (const json::value& s : ps->as_array())
      if (s.is_string()) p.pause_states.emplace_back(s.as_string());
  if (const json::value* ts = o.if_contains("targets"); ts && ts->is_array()) {
    std::size_t i = 0;
    for (const json::value& tv : ts->as_array()) {
      std::string tf = field + "targets/" + std::to_string(i++);
      if (const json::object* to = tv.if_object())
        p.targets.push_back(parse_target(*to, tf, e));
      else
        e.with_field(tf, "bad_type", "expected an object");
    }
  }
  return p;
}

}  // namespace

Result<PolicyBook> parse_policies_json(std::string_view text) {
  json::value root = TRY(parse(text, "policy JSON"));
  Error e(ErrorCode::validation_failed, "policy JSON has invalid values");
  std::vector<Policy> policies;
  const json::object& o = root.as_object();
  if (const json::value* list = o.if_contains("policies")) {
    if (!list->is_array())
      return make_error(ErrorCode::invalid_request, "policies must be an array");
    std::size_t i = 0;
    for (const json::value& pv : list->as_array()) {
      std::string field = "policies/" + std::to_string(i++) + "/";
      if (const json::object* po = pv.if_object()) policies.push_back(parse_policy(*po, field, e));
    }
  } else {
    policies.push_back(parse_policy(o, "", e));
  }
  if (!e.fields.empty()) return e;
  return PolicyBook::create(std::move(policies));
}

Result<EventLog> parse_events_json(std::string_view text) {
  json::value root = TRY(parse(text, "events JSON"));
  const json::object& o = root.as_object();
  EventLog log;
  Error e(ErrorCode::validation_failed, "events JSON has invalid values");
  if (const json::value* r = o.if_contains("record"); r && r->is_object()) {
    const json::object& ro = r->as_object();
    log.facts.contract = str(ro, "contract").value_or("");
    log.facts.customer = str(ro, "customer").value_or("");
    log.facts.service = str(ro, "service").value_or("");
    log.facts.record_type = str(ro, "type").value_or("");
    log.facts.priority = str(ro, "priority").value_or("");
  }
  if (auto now = str(o, "now")) {
    log.now = parse_rfc3339(*now);
    if (!log.now) e.with_field("now", "bad_instant", "RFC 3339 with an offset");
  }
  const json::value* evs = o.if_contains("events");
  if (!evs || !evs->is_array())
    return make_error(ErrorCode::invalid_request, "events must be an array");
  std::size_t i = 0;
  for (const json::value& ev : evs->as_array()) {
    std::string field = "events/" + std::to_string(i++);
    const json::object* eo = ev.if_object();
    auto at = eo ? str(*eo, "at") : std::nullopt;
    auto kind = eo ? str(*eo, "kind") : std::nullopt;
    auto t = at ? parse_rfc3339(*at) : std::nullopt;
    auto k = kind ? parse_event_kind(*kind) : std::nullopt;
    if (!t || !k) {
      e.with_field(field, "bad_event", "needs \"at\" (RFC 3339) and a known \"kind\"");
      continue;
    }
    log.events.push_back(Event{*t, *k, eo ? str(*eo, "value").value_or("") : ""});
  }
  if (!e.fields.empty()) return e;
  return log;
}

std::string clocks_json(const std::vector<Clock>& clocks, const calendar::CalendarBook& calendars) {
  json::array out;
  for (const Clock& c : clocks) {
    const calendar::Calendar* cal = calendars.find(c.calendar_id);
    auto fmt = [&](const std::optional<Instant>& t) -> json::value {
      if (!t) return nullptr;
      return json::value(cal ? cal->format(*t) : format_rfc3339(*t));
    };
    json::object o;
    o["kind"] = target_kind_slug(c.kind);
    o["state"] = clock_state_slug(c.state);
    o["policy"] = c.policy_id;
    o["calendar"] = c.calendar_id;
    o["target_seconds"] = c.target_seconds;
    o["started_at"] = fmt(c.started_at);
    o["deadline"] = fmt(c.deadline);
    o["elapsed_seconds"] = c.elapsed_seconds;
    o["remaining_seconds"] = c.remaining_seconds;
    o["stopped_at"] = fmt(c.stopped_at);
    o["breach_at"] = fmt(c.breach_at);
    json::array thresholds;
    for (const Threshold& t : c.thresholds) {
      json::object to;
      to["kind"] = t.kind == Threshold::Kind::warning      ? "warning"
                   : t.kind == Threshold::Kind::escalation ? "escalation"
                                                           : "breach";
      to["percent"] = t.percent;
      to["at"] = fmt(t.at);
      if (t.escalation) {
        to["action"] = escalation_action_slug(t.escalation->action);
        if (!t.escalation->group.empty()) to["group"] = t.escalation->group;
      }
      thresholds.push_back(std::move(to));
    }
    o["thresholds"] = std::move(thresholds);
    json::array steps;
    for (const ClockStep& s : c.explanation) {
      if (s.kind == ClockStep::Kind::calendar && cal) {
        json::value v = json::parse(calendar::explanation_json(*cal, {s.cal}));
        steps.push_back(std::move(v.as_array().at(0)));
        continue;
      }
      json::object so;
      so["kind"] = clock_step_slug(s.kind);
      so["at"] = fmt(s.at);
      if (!s.detail.empty()) so["detail"] = s.detail;
      steps.push_back(std::move(so));
    }
    o["explanation"] = std::move(steps);
    out.push_back(std::move(o));
  }
  json::object root;
  root["clocks"] = std::move(out);
  return json::serialize(root);
}

}  // namespace fuwu::sla
