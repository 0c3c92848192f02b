// SLA policies: which targets apply to a record, on which calendar, and when to warn or escalate.
//
// A policy holds targets (first response, resolution, on-site arrival, update interval), each
// with its calendar and a duration in working seconds or working days, warning thresholds
// (75 % and 90 % unless stated) and escalation actions at percentages of the target. Policies
// are selected by rules on the record's contract, customer, service, record type and priority:
// the first policy, in the stated order, whose every given rule matches. A policy also lists the
// record states in which its clocks are paused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::sla {

enum class TargetKind : std::uint8_t { first_response, resolution, onsite, update_interval };
std::string_view target_kind_slug(TargetKind k);  // "first_response", "resolution", ...
std::optional<TargetKind> parse_target_kind(std::string_view slug);

enum class DurationUnit : std::uint8_t {
  working_seconds,  // `amount` seconds of working time (hours and minutes are converted)
  working_days,     // `amount` working days: calendar::Calendar::deadline_days semantics
};

struct TargetDuration {
  DurationUnit unit = DurationUnit::working_seconds;
  std::int64_t amount = 0;
};

enum class EscalationAction : std::uint8_t { notify, reassign, raise_priority };
std::string_view escalation_action_slug(EscalationAction a);
std::optional<EscalationAction> parse_escalation_action(std::string_view slug);

// An action due when the clock's working time reaches `at_percent` of its target (100 = breach;
// above 100 escalates after the breach).
struct Escalation {
  int at_percent = 100;
  EscalationAction action = EscalationAction::notify;
  std::string group;  // reassign: the group; notify: the recipients' group or role
};

struct Target {
  TargetKind kind = TargetKind::resolution;
  std::string calendar_id;
  TargetDuration duration;
  std::vector<int> warning_percents = {75, 90};
  std::vector<Escalation> escalations;
};

// The facts a policy is selected on. Empty strings are "not set".
struct RecordFacts {
  std::string contract;
  std::string customer;
  std::string service;
  std::string record_type;  // "incident", "request", "work_order" ...
  std::string priority;     // "P1" ... or the tenant's own names
};

// Each rule that is set must equal the record's fact; a rule left unset matches anything.
struct Match {
  std::optional<std::string> contract;
  std::optional<std::string> customer;
  std::optional<std::string> service;
  std::optional<std::string> record_type;
  std::optional<std::string> priority;
  bool matches(const RecordFacts& r) const;
};

struct Policy {
  std::string id;
  std::string name;
  Match match;
  std::vector<std::string> pause_states;  // e.g. "waiting_customer", "waiting_parts"
  std::vector<Target> targets;            // at most one per kind
  bool pauses_in(std::string_view state) const;
  const Target* target(TargetKind k) const;
};

// Checks ids, at most one target per kind, positive durations, warning percents in 1..99,
// escalation percents >= 1. Calendar ids are checked when clocks are computed. validation_failed
// with one FieldError per problem.
Status validate(const Policy& p);

// Policies in their stated order.
class PolicyBook {
 public:
  PolicyBook() = default;
  // Fails with validation_failed when a policy is invalid or two share an id.
  static Result<PolicyBook> create(std::vector<Policy> ordered);
  // The first policy whose match accepts the record, or nullptr.
  const Policy* select(const RecordFacts& r) const;
  const Policy* find(std::string_view id) const;
  const std::vector<Policy>& policies() const { return policies_; }

 private:
  std::vector<Policy> policies_;
};

}  // namespace fuwu::sla
