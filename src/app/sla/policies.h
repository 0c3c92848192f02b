// SLA policies in the database: the repository and the use cases (one per file in this folder).
//
// A stored policy is an sla::Policy (its `id` is the slug, e.g. "gold", which policy_changed
// events name) plus its row id, its position in the selection order (ascending; the first policy
// whose rules match applies) and its version (the ETag). Targets name calendars by slug; a target
// on an unknown calendar is validation_failed, and a calendar in use cannot be deleted.
//
// Use cases run inside the caller's unit: access ("sla.read" / "sla.write", scope all), validation
// (sla::validate, fields as JSON pointers such as "/targets/0/duration"), the write, its audit
// entry
// ("sla_policy", row id) and an outbox event (sla_policy.created / updated / deleted).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/platform/context.h"
#include "domain/calendar/calendar.h"
#include "domain/sla/clock.h"
#include "domain/sla/policy.h"

namespace fuwu::app {

struct StoredPolicy {
  std::int64_t row_id = 0;
  sla::Policy policy;
  std::int64_t position = 0;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

// --- repository ---------------------------------------------------------------------------------
Result<std::optional<StoredPolicy>> find_policy(store::Executor& ex, std::string_view slug);
// Every policy in selection order.
Result<std::vector<StoredPolicy>> all_policies(store::Executor& ex);
Result<sla::PolicyBook> load_policy_book(store::Executor& ex);
// validation_failed listing every problem: sla::validate, the slug rule, unknown calendars.
Status check_policy(store::Executor& ex, const sla::Policy& policy);
// Replaces, in the unit, the scalar columns and child rows of policy `row_id`.
Status write_policy_rows(store::Executor& ex, std::int64_t row_id, const sla::Policy& policy,
                         std::int64_t position);
// Field values summarising a policy, for write_audit.
std::vector<std::pair<std::string, std::string>> policy_audit_fields(const sla::Policy& policy,
                                                                     std::int64_t position);

// --- use cases ----------------------------------------------------------------------------------
Result<StoredPolicy> get_policy(store::Executor& ex, const Actor& actor, std::string_view slug);
// In selection order (position, then row id).
Result<std::vector<StoredPolicy>> list_policies(store::Executor& ex, const Actor& actor);

// position: nullopt appends the policy at the end of the selection order.
Result<StoredPolicy> create_policy(store::Executor& ex, const Actor& actor, Instant now,
                                   sla::Policy policy, std::optional<std::int64_t> position);

// Members that are set replace the stored ones (targets and pause_states wholesale).
struct PolicyPatch {
  std::optional<std::string> name;
  std::optional<sla::Match> match;
  std::optional<std::vector<std::string>> pause_states;
  std::optional<std::vector<sla::Target>> targets;
  std::optional<std::int64_t> position;
};
Result<StoredPolicy> update_policy(store::Executor& ex, const Actor& actor, Instant now,
                                   std::string_view slug, std::int64_t expected_version,
                                   const PolicyPatch& patch);
Status delete_policy(store::Executor& ex, const Actor& actor, Instant now, std::string_view slug,
                     std::int64_t expected_version);

// Computes the clocks of one record from its event log, with the given policies (or, when
// `policies` is nullopt, the stored ones) and the stored calendars; needs "sla.read". The result
// and its calendars are returned together so they can be rendered (sla::clocks_json).
struct Simulation {
  std::vector<sla::Clock> clocks;
  calendar::CalendarBook calendars;
};
Result<Simulation> simulate_clocks(store::Executor& ex, const Actor& actor,
                                   std::optional<sla::PolicyBook> policies,
                                   const sla::RecordFacts& facts,
                                   const std::vector<sla::Event>& events, Instant now,
                                   sla::Explain explain = sla::Explain::full);

}  // namespace fuwu::app
