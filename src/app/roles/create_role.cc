#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/roles/role.h"

namespace fuwu::app {
namespace {

bool valid_role_name(std::string_view n) {
  if (n.size() < 2 || n.size() > 32 || n.front() < 'a' || n.front() > 'z') return false;
  for (char c : n) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

Result<Role> create_role(store::Executor& ex, const Actor& actor, Instant now, const NewRole& in) {
  if (access::scope_for(actor.principal, "role.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not create roles");
  }
  if (!valid_role_name(in.name)) {
    return Error(ErrorCode::validation_failed, "the role is not valid")
        .with_field("name", "invalid_format",
                    "2 to 32 characters: a-z, 0-9 and _, starting with a letter");
  }
  const auto grants = TRY(parse_grants(in.grants));
  TRY_VOID(grants_within_actor(actor, grants));
  auto taken = TRY(find_role(ex, in.name));
  if (taken) {
    return Error(ErrorCode::conflict, "a role with this name exists")
        .with_field("name", "taken", "already used by another role");
  }
  // Ids are MAX + 1: one writer on SQLite; on PostgreSQL two concurrent creations may pick the
  // same id, and the loser is told to retry.
  auto next_id = TRY(ex.query_one("SELECT COALESCE(MAX(id), 0) + 1 FROM roles"));
  const std::int64_t id = next_id->i64(0);
  auto ins = ex.exec(
      "INSERT INTO roles (id, name, label_zh, label_en, builtin, version) "
      "VALUES ($1, $2, $3, $4, 0, 1)",
      {id, in.name, in.label_zh, in.label_en});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::unavailable, "another role was created at the same time; retry");
    }
    return std::move(ins).error();
  }
  TRY_VOID(write_grants(ex, in.name, grants));
  TRY_VOID(write_audit(ex, actor, now, "role", id, "create",
                       {{"name", std::nullopt, in.name},
                        {"label_zh", std::nullopt, in.label_zh},
                        {"label_en", std::nullopt, in.label_en},
                        {"grants", std::nullopt, grants_text(grants)}}));
  TRY_VOID(emit_event(ex, actor, now, "role.created", "role", id));
  auto role = TRY(find_role(ex, in.name));
  return *role;
}

}  // namespace fuwu::app
