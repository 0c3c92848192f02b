#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/roles/role.h"

namespace fuwu::app {

Status delete_role(store::Executor& ex, const Actor& actor, Instant now, std::string_view name,
                   std::int64_t expected_version) {
  if (!access::can(actor.principal, "role.read")) {
    return Error(ErrorCode::permission_denied, "you may not read roles");
  }
  auto current = TRY(find_role(ex, name));
  if (!current) return Error(ErrorCode::not_found, "no such role");
  if (access::scope_for(actor.principal, "role.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not delete roles");
  }
  if (current->version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the role was changed by someone else; reload it and try again");
  }
  if (current->builtin) return Error(ErrorCode::conflict, "built-in roles cannot be deleted");
  auto people = TRY(ex.query_one("SELECT COUNT(*) FROM users WHERE role = $1", {current->name}));
  if (people && people->i64(0) > 0) {
    return Error(ErrorCode::conflict, "people still have this role; give them another first");
  }
  TRY_VOID(grants_within_actor(actor, current->grants));
  TRY_VOID(ex.exec("DELETE FROM role_grants WHERE role = $1", {current->name}));
  TRY_VOID(ex.exec("DELETE FROM roles WHERE name = $1", {current->name}));
  TRY_VOID(write_audit(ex, actor, now, "role", current->id, "delete",
                       {{"name", current->name, std::nullopt},
                        {"grants", grants_text(current->grants), std::nullopt}}));
  return emit_event(ex, actor, now, "role.deleted", "role", current->id);
}

}  // namespace fuwu::app
