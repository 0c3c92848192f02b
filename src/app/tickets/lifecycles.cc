#include "app/tickets/lifecycles.h"

#include <boost/json.hpp>
#include <stdexcept>

namespace fuwu::app {
namespace {

std::vector<std::string> strings(const boost::json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key)) {
    for (const auto& s : v->as_array())
      out.emplace_back(s.as_string());
  }
  return out;
}

std::string text(const boost::json::object& o, std::string_view key, std::string fallback = {}) {
  if (const auto* v = o.if_contains(key)) return std::string(v->as_string());
  return fallback;
}

std::vector<KindInfo> load_all() {
  std::vector<KindInfo> out;
  for (const auto& [name, json] : lifecycle_files()) {
    auto parsed = parse_lifecycle(json);
    // The files ship inside the binary: a broken one is a build defect, caught by the tests.
    if (!parsed.ok()) {
      throw std::logic_error("lifecycle " + std::string(name) + ": " + parsed.error().message);
    }
    out.push_back(std::move(parsed).value());
  }
  return out;
}

}  // namespace

Result<KindInfo> parse_lifecycle(std::string_view json_text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json_text, ec);
  if (ec || !value.is_object()) return Error(ErrorCode::invalid_request, "not a JSON object");
  try {
    const auto& o = value.as_object();
    KindInfo k;
    auto& l = k.lifecycle;
    l.kind = text(o, "kind");
    l.prefix = text(o, "prefix");
    l.initial = text(o, "initial");
    k.label_zh = text(o, "label_zh");
    k.label_en = text(o, "label_en");
    k.api = text(o, "api");
    for (const auto& sv : o.at("states").as_array()) {
      const auto& so = sv.as_object();
      ticket::StateDef s;
      s.name = text(so, "name");
      s.label_zh = text(so, "label_zh");
      s.label_en = text(so, "label_en");
      if (!ticket::parse_category(text(so, "category", "open"), s.category)) {
        return Error(ErrorCode::validation_failed, "state " + s.name + ": unknown category");
      }
      s.required_fields = strings(so, "required");
      s.read_only_fields = strings(so, "read_only");
      l.states.push_back(std::move(s));
    }
    for (const auto& tv : o.at("transitions").as_array()) {
      const auto& to = tv.as_object();
      ticket::TransitionDef t;
      t.name = text(to, "name");
      t.label_zh = text(to, "label_zh");
      t.label_en = text(to, "label_en");
      t.from = strings(to, "from");
      t.to = text(to, "to");
      t.required = strings(to, "requires");
      t.permission = text(to, "permission", "ticket.write");
      for (const auto& e : strings(to, "effects")) {
        ticket::Effect effect;
        if (!ticket::parse_effect(e, effect)) {
          return Error(ErrorCode::validation_failed,
                       "transition " + t.name + ": unknown effect " + e);
        }
        t.effects.push_back(effect);
      }
      l.transitions.push_back(std::move(t));
    }
    TRY_VOID(ticket::validate_lifecycle(l));
    return k;
  } catch (const std::exception& e) {
    return Error(ErrorCode::invalid_request, std::string("malformed lifecycle: ") + e.what());
  }
}

const std::vector<KindInfo>& all_kinds() {
  static const std::vector<KindInfo> kinds = load_all();
  return kinds;
}

Result<const KindInfo*> kind_info(std::string_view kind) {
  for (const auto& k : all_kinds()) {
    if (k.lifecycle.kind == kind) return &k;
  }
  return Error(ErrorCode::not_found, "no record kind " + std::string(kind));
}

}  // namespace fuwu::app
