// A record kind's lifecycle, declared as data (src/app/tickets/lifecycles/*.json) and applied by a
// pure transition check. States carry a category (new/open/pending/resolved/closed) that the rest
// of the product reasons with; per-state field rules say what must be filled or may not change;
// transitions name where they may start, where they lead, what they require, who may fire them and
// their effects.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::ticket {

enum class StateCategory { fresh, open, pending, resolved, closed };
std::string_view category_name(StateCategory c);
bool parse_category(std::string_view s, StateCategory& out);

struct StateDef {
  std::string name;
  std::string label_zh;
  std::string label_en;
  StateCategory category = StateCategory::open;
  std::vector<std::string> required_fields;   // must be non-empty while in this state
  std::vector<std::string> read_only_fields;  // may not be edited in this state ("*" = all)
};

// What a transition does besides changing the state.
enum class Effect { stamp_resolved, clear_resolved, stamp_closed, clear_assignee };
bool parse_effect(std::string_view s, Effect& out);

struct TransitionDef {
  std::string name;
  std::string label_zh;
  std::string label_en;
  std::vector<std::string> from;  // state names
  std::string to;
  std::vector<std::string> required;  // fields that must be non-empty (after the request's changes)
  std::string permission = "ticket.write";
  std::vector<Effect> effects;
};

struct Lifecycle {
  std::string kind;    // "incident"
  std::string prefix;  // "INC"
  std::string initial;
  std::vector<StateDef> states;
  std::vector<TransitionDef> transitions;

  const StateDef* state(std::string_view name) const;
  const TransitionDef* transition(std::string_view name) const;
};

// Every reference resolves, names are unique, the initial state exists, each state is reachable.
Status validate_lifecycle(const Lifecycle& lifecycle);

// What the caller brings to a transition.
struct TransitionContext {
  std::function<bool(std::string_view permission)> may;
  std::function<bool(std::string_view field)> has_value;  // after the request's field changes
};

// The transitions that may start from `state` and that the caller is permitted to fire.
std::vector<const TransitionDef*> allowed_transitions(const Lifecycle& lifecycle,
                                                      std::string_view state,
                                                      const TransitionContext& ctx);

// Checks one transition. invalid_transition (subject: the allowed names, comma-separated) when it
// does not start from `state` or the caller may not fire it; validation_failed with one field
// error per missing value (the transition's requirements and the target state's required fields).
Result<const TransitionDef*> check_transition(const Lifecycle& lifecycle, std::string_view state,
                                              std::string_view transition,
                                              const TransitionContext& ctx);

// Fields the caller tries to change that the current state makes read-only.
std::vector<std::string> read_only_violations(const Lifecycle& lifecycle, std::string_view state,
                                              const std::vector<std::string>& changed_fields);

}  // namespace fuwu::ticket
