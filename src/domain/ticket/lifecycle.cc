#include "domain/ticket/lifecycle.h"

#include <algorithm>
#include <set>

namespace fuwu::ticket {
namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string_view category_name(StateCategory c) {
  switch (c) {
    case StateCategory::fresh:
      return "new";
    case StateCategory::open:
      return "open";
    case StateCategory::pending:
      return "pending";
    case StateCategory::resolved:
      return "resolved";
    case StateCategory::closed:
      return "closed";
  }
  return "open";
}

bool parse_category(std::string_view s, StateCategory& out) {
  for (auto c : {StateCategory::fresh, StateCategory::open, StateCategory::pending,
                 StateCategory::resolved, StateCategory::closed}) {
    if (category_name(c) == s) {
      out = c;
      return true;
    }
  }
  return false;
}

bool parse_effect(std::string_view s, Effect& out) {
  if (s == "stamp_resolved")
    out = Effect::stamp_resolved;
  else if (s == "clear_resolved")
    out = Effect::clear_resolved;
  else if (s == "stamp_closed")
    out = Effect::stamp_closed;
  else if (s == "clear_assignee")
    out = Effect::clear_assignee;
  else
    return false;
  return true;
}

const StateDef* Lifecycle::state(std::string_view name) const {
  for (const auto& s : states) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const TransitionDef* Lifecycle::transition(std::string_view name) const {
  for (const auto& t : transitions) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Status validate_lifecycle(const Lifecycle& l) {
  Error e(ErrorCode::validation_failed, "the lifecycle of " + l.kind + " is not valid");
  std::set<std::string> names;
  for (const auto& s : l.states) {
    if (!names.insert(s.name).second)
      e.with_field("states", "duplicate", "state " + s.name + " twice");
  }
  if (l.state(l.initial) == nullptr) e.with_field("initial", "not_found", "no state " + l.initial);
  std::set<std::string> tnames;
  std::set<std::string> reachable = {l.initial};
  for (const auto& t : l.transitions) {
    if (!tnames.insert(t.name).second) {
      e.with_field("transitions", "duplicate", "transition " + t.name + " twice");
    }
    if (l.state(t.to) == nullptr)
      e.with_field("transitions/" + t.name, "not_found", "no state " + t.to);
    if (t.from.empty()) e.with_field("transitions/" + t.name, "required", "no source state");
    for (const auto& f : t.from) {
      if (l.state(f) == nullptr)
        e.with_field("transitions/" + t.name, "not_found", "no state " + f);
    }
  }
  // Reachability: a fixed point over the transitions.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& t : l.transitions) {
      const bool from_reachable = std::any_of(
          t.from.begin(), t.from.end(), [&](const auto& f) { return reachable.count(f) > 0; });
      if (from_reachable && reachable.insert(t.to).second) grew = true;
    }
  }
  for (const auto& s : l.states) {
    if (!reachable.count(s.name))
      e.with_field("states/" + s.name, "unreachable", "no way into this state");
  }
  if (!e.fields.empty()) return e;
  return {};
}

std::vector<const TransitionDef*> allowed_transitions(const Lifecycle& l, std::string_view state,
                                                      const TransitionContext& ctx) {
  std::vector<const TransitionDef*> out;
  for (const auto& t : l.transitions) {
    if (contains(t.from, state) && ctx.may(t.permission)) out.push_back(&t);
  }
  return out;
}

Result<const TransitionDef*> check_transition(const Lifecycle& l, std::string_view state,
                                              std::string_view name, const TransitionContext& ctx) {
  const TransitionDef* t = l.transition(name);
  if (t == nullptr || !contains(t->from, state) || !ctx.may(t->permission)) {
    std::string allowed;
    for (const auto* a : allowed_transitions(l, state, ctx)) {
      if (!allowed.empty()) allowed += ",";
      allowed += a->name;
    }
    Error e(ErrorCode::invalid_transition, t == nullptr
                                               ? "no transition named " + std::string(name)
                                               : "the transition " + std::string(name) +
                                                     " is not allowed from " + std::string(state));
    e.subject = allowed;
    return e;
  }
  Error missing(ErrorCode::validation_failed, "fill in the fields this transition needs");
  std::vector<std::string> needed = t->required;
  if (const StateDef* target = l.state(t->to)) {
    for (const auto& f : target->required_fields) {
      if (!contains(needed, f)) needed.push_back(f);
    }
  }
  for (const auto& f : needed) {
    if (!ctx.has_value(f)) missing.with_field(f, "required", "required for " + t->name);
  }
  if (!missing.fields.empty()) return missing;
  return t;
}

std::vector<std::string> read_only_violations(const Lifecycle& l, std::string_view state,
                                              const std::vector<std::string>& changed) {
  std::vector<std::string> out;
  const StateDef* s = l.state(state);
  if (s == nullptr) return out;
  const bool all = contains(s->read_only_fields, "*");
  for (const auto& f : changed) {
    if (all || contains(s->read_only_fields, f)) out.push_back(f);
  }
  return out;
}

}  // namespace fuwu::ticket
