#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/sla/policies.h"

namespace fuwu::app {

Result<StoredPolicy> create_policy(store::Executor& ex, const Actor& actor, Instant now,
                                   sla::Policy policy, std::optional<std::int64_t> position) {
  if (access::scope_for(actor.principal, "sla.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not create SLA policies");
  }
  TRY_VOID(check_policy(ex, policy));
  if (!position) {
    auto last = TRY(ex.query_one("SELECT COALESCE(MAX(position), 0) FROM sla_policies"));
    position = (last ? last->i64(0) : 0) + 10;
  }
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO sla_policies (slug, name, position, created_at, updated_at) VALUES ($1, $2, $3, "
      "$4, $4) RETURNING id",
      {policy.id, policy.name, *position, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "an SLA policy with this id exists")
          .with_field("/id", "taken", "already used by another policy");
    }
    return std::move(ins).error();
  }
  const std::int64_t row_id = ins->at(0).i64(0);
  TRY_VOID(write_policy_rows(ex, row_id, policy, *position));
  std::vector<FieldChange> changes{{"id", std::nullopt, policy.id}};
  for (auto& [field, value] : policy_audit_fields(policy, *position))
    changes.push_back({field, std::nullopt, value});
  TRY_VOID(write_audit(ex, actor, now, "sla_policy", row_id, "create", changes));
  TRY_VOID(emit_event(ex, actor, now, "sla_policy.created", "sla_policy", row_id,
                      "{\"policy\":\"" + policy.id + "\"}"));
  auto stored = TRY(find_policy(ex, policy.id));
  return *stored;
}

}  // namespace fuwu::app
