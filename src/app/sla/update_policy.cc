#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/sla/policies.h"

namespace fuwu::app {

Result<StoredPolicy> update_policy(store::Executor& ex, const Actor& actor, Instant now,
                                   std::string_view slug, std::int64_t expected_version,
                                   const PolicyPatch& patch) {
  auto current = TRY(get_policy(ex, actor, slug));
  if (access::scope_for(actor.principal, "sla.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not change SLA policies");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the SLA policy was changed by someone else; reload it and try again");
  }
  sla::Policy next = current.policy;
  if (patch.name) next.name = *patch.name;
  if (patch.match) next.match = *patch.match;
  if (patch.pause_states) next.pause_states = *patch.pause_states;
  if (patch.targets) next.targets = *patch.targets;
  const std::int64_t position = patch.position.value_or(current.position);
  TRY_VOID(check_policy(ex, next));
  ChangeSet changes;
  const auto before = policy_audit_fields(current.policy, current.position);
  const auto after = policy_audit_fields(next, position);
  for (std::size_t i = 0; i < before.size(); ++i)
    changes.add(before[i].first, before[i].second, after[i].second);
  if (changes.empty()) return current;
  auto bumped = TRY(
      ex.exec("UPDATE sla_policies SET version = version + 1, updated_at = $3 WHERE id = $1 AND "
              "version = $2",
              {current.row_id, expected_version, format_rfc3339(now)}));
  if (bumped == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the SLA policy was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_policy_rows(ex, current.row_id, next, position));
  TRY_VOID(write_audit(ex, actor, now, "sla_policy", current.row_id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "sla_policy.updated", "sla_policy", current.row_id,
                      "{\"policy\":\"" + next.id + "\"}"));
  auto stored = TRY(find_policy(ex, next.id));
  return *stored;
}

Status delete_policy(store::Executor& ex, const Actor& actor, Instant now, std::string_view slug,
                     std::int64_t expected_version) {
  auto current = TRY(get_policy(ex, actor, slug));
  if (access::scope_for(actor.principal, "sla.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not delete SLA policies");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the SLA policy was changed by someone else; reload it and try again");
  }
  auto deleted = TRY(ex.exec("DELETE FROM sla_policies WHERE id = $1 AND version = $2",
                             {current.row_id, expected_version}));
  if (deleted == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the SLA policy was changed by someone else; reload it and try again");
  }
  std::vector<FieldChange> changes{{"id", current.policy.id, std::nullopt}};
  for (auto& [field, value] : policy_audit_fields(current.policy, current.position))
    changes.push_back({field, value, std::nullopt});
  TRY_VOID(write_audit(ex, actor, now, "sla_policy", current.row_id, "delete", changes));
  return emit_event(ex, actor, now, "sla_policy.deleted", "sla_policy", current.row_id,
                    "{\"policy\":\"" + current.policy.id + "\"}");
}

}  // namespace fuwu::app
