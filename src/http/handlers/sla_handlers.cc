// /api/v1/sla-policies (CRUD with ETags) and POST /api/v1/sla/simulate (the JSON of
// `fuwu sla simulate`).
#include <cmath>

#include "app/sla/policies.h"
#include "app/sla/sla_json.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;

constexpr TextRule kShort{.min_chars = 1, .max_chars = 64, .single_line = true};
constexpr TextRule kName{.max_chars = 200, .single_line = true};

// --- JSON out ----------------------------------------------------------------------------------

json::object policy_json(const app::StoredPolicy& s) {
  const sla::Policy& p = s.policy;
  json::object match;
  auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v) match[key] = *v;
  };
  put("contract", p.match.contract);
  put("customer", p.match.customer);
  put("service", p.match.service);
  put("type", p.match.record_type);
  put("priority", p.match.priority);
  json::array pauses;
  for (const auto& st : p.pause_states)
    pauses.push_back(json::value(st));
  json::array targets;
  for (const auto& t : p.targets) {
    json::object o{{"kind", sla::target_kind_slug(t.kind)}, {"calendar", t.calendar_id}};
    o[t.duration.unit == sla::DurationUnit::working_days ? "working_days" : "working_seconds"] =
        t.duration.amount;
    json::array warnings;
    for (int w : t.warning_percents)
      warnings.push_back(w);
    o["warnings"] = std::move(warnings);
    json::array escalations;
    for (const auto& x : t.escalations) {
      json::object xo{{"at_percent", x.at_percent},
                      {"action", sla::escalation_action_slug(x.action)}};
      if (!x.group.empty()) xo["group"] = x.group;
      escalations.push_back(std::move(xo));
    }
    o["escalations"] = std::move(escalations);
    targets.push_back(std::move(o));
  }
  return {{"id", p.id},
          {"name", p.name},
          {"position", s.position},
          {"match", std::move(match)},
          {"pause_states", std::move(pauses)},
          {"targets", std::move(targets)},
          {"record_id", s.row_id},
          {"version", s.version},
          {"created_at", instant_json(s.created_at)},
          {"updated_at", instant_json(s.updated_at)}};
}

void respond_policy(ApiContext& ctx, int status, const app::StoredPolicy& p) {
  ctx.response.set_header("ETag", etag(p.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/sla-policies/" + p.policy.id);
  respond(ctx, status, policy_json(p));
}

// --- JSON in -----------------------------------------------------------------------------------

std::vector<std::string> read_strings(BodyReader& r, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = r.raw(key);
  if (!v) return out;
  if (!v->is_array()) {
    r.add_error(r.pointer_of(key), "wrong_type", "must be an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const json::value& s = v->as_array()[i];
    if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 64)
      r.add_error(r.pointer_of(key) + "/" + std::to_string(i), "wrong_type",
                  "must be a string of 1 to 64 characters");
    else
      out.emplace_back(s.as_string());
  }
  return out;
}

sla::Match read_match(BodyReader& r) {
  sla::Match m;
  m.contract = r.text("contract", Presence::optional, kShort);
  m.customer = r.text("customer", Presence::optional, kShort);
  m.service = r.text("service", Presence::optional, kShort);
  m.record_type = r.text("type", Presence::optional, kShort);
  m.priority = r.text("priority", Presence::optional, kShort);
  return m;
}

sla::Target read_target(BodyReader& t) {
  sla::Target out;
  auto kind = t.one_of("kind", {"first_response", "resolution", "onsite", "update_interval"},
                       Presence::required);
  if (kind) out.kind = *sla::parse_target_kind(*kind);
  out.calendar_id = t.text("calendar", Presence::required, kShort).value_or("");
  auto hours = t.number("working_hours");
  auto minutes = t.integer("working_minutes");
  auto seconds = t.integer("working_seconds");
  auto days = t.integer("working_days");
  const int given = (hours ? 1 : 0) + (minutes ? 1 : 0) + (seconds ? 1 : 0) + (days ? 1 : 0);
  if (given != 1) {
    t.add_error(t.pointer_of("working_hours"), "required",
                "exactly one of working_hours, working_minutes, working_seconds, working_days");
  } else if (hours && (!std::isfinite(*hours) || std::fabs(*hours) > 1e6)) {
    t.add_error(t.pointer_of("working_hours"), "out_of_range", "a positive number of hours");
  } else if (hours) {
    out.duration = {sla::DurationUnit::working_seconds, std::llround(*hours * 3600)};
  } else if (minutes) {
    out.duration = {sla::DurationUnit::working_seconds, *minutes * 60};
  } else if (seconds) {
    out.duration = {sla::DurationUnit::working_seconds, *seconds};
  } else {
    out.duration = {sla::DurationUnit::working_days, *days};
  }
  if (const json::value* w = t.raw("warnings")) {
    out.warning_percents.clear();
    if (!w->is_array()) {
      t.add_error(t.pointer_of("warnings"), "wrong_type", "must be an array of percentages");
    } else {
      for (const json::value& x : w->as_array()) {
        if (!x.is_int64())
          t.add_error(t.pointer_of("warnings"), "wrong_type", "whole percentages");
        else if (x.as_int64() < 1 || x.as_int64() > 99)
          t.add_error(t.pointer_of("warnings"), "out_of_range", "1 to 99 percent");
        else
          out.warning_percents.push_back(static_cast<int>(x.as_int64()));
      }
    }
  }
  if (const json::value* xs = t.raw("escalations")) {
    if (!xs->is_array()) {
      t.add_error(t.pointer_of("escalations"), "wrong_type", "must be an array of objects");
    } else {
      for (std::size_t i = 0; i < xs->as_array().size(); ++i) {
        auto x = BodyReader::from(xs->as_array()[i],
                                  t.pointer_of("escalations") + "/" + std::to_string(i));
        if (!x.ok()) {
          t.add_errors(Status(x.error()));
          continue;
        }
        sla::Escalation e;
        e.at_percent = static_cast<int>(
            x->integer("at_percent", Presence::required, {.min = 1, .max = 1000}).value_or(100));
        auto action = x->one_of("action", {"notify", "reassign", "raise_priority"});
        if (action) e.action = *sla::parse_escalation_action(*action);
        e.group = x->text("group", Presence::optional, kShort).value_or("");
        t.add_errors(x->finish());
        out.escalations.push_back(std::move(e));
      }
    }
  }
  return out;
}

std::vector<sla::Target> read_targets(BodyReader& r) {
  std::vector<sla::Target> out;
  const json::value* v = r.raw("targets");
  if (!v) return out;
  if (!v->is_array()) {
    r.add_error(r.pointer_of("targets"), "wrong_type", "must be an array of objects");
    return out;
  }
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    auto t = BodyReader::from(v->as_array()[i], r.pointer_of("targets") + "/" + std::to_string(i));
    if (!t.ok()) {
      r.add_errors(Status(t.error()));
      continue;
    }
    out.push_back(read_target(*t));
    r.add_errors(t->finish());
  }
  return out;
}

std::optional<sla::Match> read_match_member(BodyReader& r) {
  const json::value* v = r.raw("match");
  if (!v) return std::nullopt;
  auto m = BodyReader::from(*v, r.pointer_of("match"));
  if (!m.ok()) {
    r.add_errors(Status(m.error()));
    return std::nullopt;
  }
  sla::Match out = read_match(*m);
  r.add_errors(m->finish());
  return out;
}

// A whole policy object (create, simulate); problems are recorded on `r`.
sla::Policy read_policy(BodyReader& r, std::optional<std::int64_t>* position) {
  sla::Policy p;
  p.id = r.text("id", Presence::required, kShort).value_or("");
  p.name = r.text("name", Presence::optional, kName).value_or(p.id);
  if (position) *position = r.integer("position", Presence::optional, {.min = 0, .max = 1 << 30});
  p.match = read_match_member(r).value_or(sla::Match{});
  p.pause_states = read_strings(r, "pause_states");
  p.targets = read_targets(r);
  return p;
}

// Domain validation (sla::validate) reports fields without a leading slash.
Status check(const sla::Policy& p, const std::string& prefix) {
  auto st = sla::validate(p);
  if (st.ok()) return st;
  Error e = std::move(st).error();
  for (FieldError& f : e.fields)
    f.field = prefix + "/" + f.field;
  return e;
}

// --- handlers ----------------------------------------------------------------------------------

std::string slug_param(const ApiContext& ctx) {
  return std::string(ctx.params.get("id"));
}

Status list(ApiContext& ctx) {
  std::vector<app::StoredPolicy> policies;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    policies = TRY(app::list_policies(ex, ctx.actor()));
    return {};
  }));
  json::array items;
  for (const auto& p : policies)
    items.push_back(policy_json(p));
  respond(ctx, 200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  std::optional<std::int64_t> position;
  sla::Policy p = read_policy(r, &position);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto stored = TRY(app::create_policy(ex, ctx.actor(), ctx.now(), p, position));
    respond_policy(ctx, 201, stored);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto p = TRY(app::get_policy(ex, ctx.actor(), slug_param(ctx)));
    respond_policy(ctx, 200, p);
    return {};
  });
}

Status patch(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::PolicyPatch p;
  p.name = r.text("name", Presence::optional, kName);
  p.position = r.integer("position", Presence::optional, {.min = 0, .max = 1 << 30});
  p.match = read_match_member(r);
  if (r.has("pause_states")) p.pause_states = read_strings(r, "pause_states");
  if (r.has("targets")) p.targets = read_targets(r);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto stored = TRY(app::update_policy(ex, ctx.actor(), ctx.now(), slug_param(ctx), version, p));
    respond_policy(ctx, 200, stored);
    return {};
  });
}

Status remove(ApiContext& ctx) {
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_policy(ex, ctx.actor(), ctx.now(), slug_param(ctx), version));
    ctx.response.status = 204;
    return {};
  });
}

// {"policy": {…} | "policies": [{…}], "record": {…}, "now": "…", "events": [{…}]}: without
// policy/policies the stored policies are used. Answers {"clocks": […]} like the CLI.
Status simulate(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  std::vector<sla::Policy> given;
  bool have_policies = false;
  if (const json::value* v = r.raw("policy")) {
    have_policies = true;
    auto pr = BodyReader::from(*v, "/policy");
    if (!pr.ok()) {
      r.add_errors(Status(pr.error()));
    } else {
      given.push_back(read_policy(*pr, nullptr));
      r.add_errors(pr->finish());
      r.add_errors(check(given.back(), "/policy"));
    }
  }
  if (const json::value* v = r.raw("policies")) {
    have_policies = true;
    if (!v->is_array()) {
      r.add_error("/policies", "wrong_type", "must be an array of policies");
    } else {
      for (std::size_t i = 0; i < v->as_array().size(); ++i) {
        const std::string ptr = "/policies/" + std::to_string(i);
        auto pr = BodyReader::from(v->as_array()[i], ptr);
        if (!pr.ok()) {
          r.add_errors(Status(pr.error()));
          continue;
        }
        given.push_back(read_policy(*pr, nullptr));
        r.add_errors(pr->finish());
        r.add_errors(check(given.back(), ptr));
      }
    }
  }
  const json::value* record = r.raw("record");
  auto now = r.instant("now");
  const json::value* events = r.raw("events", Presence::required);
  if (record && !record->is_object()) r.add_error("/record", "wrong_type", "must be an object");
  if (events && !events->is_array()) r.add_error("/events", "wrong_type", "must be an array");
  TRY_VOID(r.finish());
  json::object log{{"events", *events}};
  if (record) log["record"] = *record;
  const auto parsed = TRY(sla::parse_events_json(json::serialize(log)));
  std::optional<sla::PolicyBook> book;
  if (have_policies) book = TRY(sla::PolicyBook::create(std::move(given)));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto sim = TRY(app::simulate_clocks(ex, ctx.actor(), std::move(book), parsed.facts,
                                        parsed.events, now.value_or(ctx.now())));
    ctx.json(200, sla::clocks_json(sim.clocks, sim.calendars));
    return {};
  });
}

}  // namespace

void add_sla_routes(Router& router) {
  router.add({"GET", "/api/v1/sla-policies", "listSlaPolicies", Access::permission, "sla.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/sla-policies", "createSlaPolicy", Access::permission, "sla.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/sla-policies/{id}", "getSlaPolicy", Access::permission, "sla.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/sla-policies/{id}", "updateSlaPolicy", Access::permission,
              "sla.write", BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/sla-policies/{id}", "deleteSlaPolicy", Access::permission,
              "sla.write", BodyKind::none, remove});
  router.add({"POST", "/api/v1/sla/simulate", "simulateSla", Access::permission, "sla.read",
              BodyKind::json, simulate});
}

}  // namespace fuwu::http
