#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/roles/role.h"

namespace fuwu::app {

Result<Role> update_role(store::Executor& ex, const Actor& actor, Instant now,
                         std::string_view name, std::int64_t expected_version,
                         const RolePatch& patch) {
  if (!access::can(actor.principal, "role.read")) {
    return Error(ErrorCode::permission_denied, "you may not read roles");
  }
  auto current = TRY(find_role(ex, name));
  if (!current) return Error(ErrorCode::not_found, "no such role");
  if (access::scope_for(actor.principal, "role.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not change roles");
  }
  if (current->version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the role was changed by someone else; reload it and try again");
  }
  ChangeSet changes;
  Role next = *current;
  if (patch.label_zh) next.label_zh = *patch.label_zh;
  if (patch.label_en) next.label_en = *patch.label_en;
  if (patch.grants) {
    next.grants = TRY(parse_grants(*patch.grants));
    if (current->name == "admin" && grants_text(next.grants) != grants_text(current->grants)) {
      return Error(ErrorCode::conflict,
                   "the admin role's grants cannot change, so administrators cannot be locked out");
    }
    // Neither the grants taken away nor the ones given may exceed what the actor holds.
    TRY_VOID(grants_within_actor(actor, current->grants));
    TRY_VOID(grants_within_actor(actor, next.grants));
  }
  changes.add("label_zh", current->label_zh, next.label_zh);
  changes.add("label_en", current->label_en, next.label_en);
  changes.add("grants", grants_text(current->grants), grants_text(next.grants));
  if (changes.empty()) return *current;
  const auto updated =
      TRY(ex.exec("UPDATE roles SET label_zh = $3, label_en = $4, version = version + 1 "
                  "WHERE name = $1 AND version = $2",
                  {current->name, expected_version, next.label_zh, next.label_en}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the role was changed by someone else; reload it and try again");
  }
  if (patch.grants) TRY_VOID(write_grants(ex, current->name, next.grants));
  TRY_VOID(write_audit(ex, actor, now, "role", current->id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "role.updated", "role", current->id));
  auto reloaded = TRY(find_role(ex, current->name));
  return *reloaded;
}

}  // namespace fuwu::app
