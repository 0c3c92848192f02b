#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"

namespace fuwu::app {
namespace {

// A manager is an active person other than the one changed, and the chain of managers above
// them never comes back to the person.
Status check_manager(store::Executor& ex, std::int64_t id, std::int64_t manager_id,
                     Error& invalid) {
  auto m = TRY(ex.query_one("SELECT disabled FROM users WHERE id = $1", {manager_id}));
  if (!m || m->i64(0) != 0) {
    invalid.with_field("manager_id", "not_found", "no such active person");
    return {};
  }
  std::int64_t above = manager_id;
  for (int depth = 0; above != 0 && depth < 100; ++depth) {
    if (above == id) {
      invalid.with_field("manager_id", "not_allowed", "a person cannot manage themselves");
      return {};
    }
    auto row =
        TRY(ex.query_one("SELECT COALESCE(manager_id, 0) FROM users WHERE id = $1", {above}));
    above = row ? row->i64(0) : 0;
  }
  return {};
}

}  // namespace

Result<User> update_user(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const UserPatch& patch) {
  const auto current = TRY(user_for_change(ex, actor, id));
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the person was changed by someone else; reload and try again");
  }
  Error invalid(ErrorCode::validation_failed, "the person is not valid");
  if (patch.display_name && patch.display_name->empty()) {
    invalid.with_field("display_name", "required", "1 to 200 characters");
  }
  check_contact_fields(invalid, patch.email, patch.phone, patch.language, patch.time_zone);
  if (patch.manager_id && *patch.manager_id != 0) {
    TRY_VOID(check_manager(ex, id, *patch.manager_id, invalid));
  }
  if (!invalid.fields.empty()) return invalid;
  TRY_VOID(check_role_and_organisation(ex, patch.role, patch.organisation_id));
  // The actor must also hold everything the role given grants.
  if (patch.role) TRY_VOID(no_escalation(ex, actor, *patch.role));
  if (patch.organisation_id &&
      !access::may(actor.principal, "user.write", {.organisation_id = *patch.organisation_id})) {
    return Error(ErrorCode::permission_denied, "you may not move people to this organisation");
  }
  if (patch.role && *patch.role != current.role && id == actor.principal.user_id) {
    return Error(ErrorCode::conflict, "you may not change your own role");
  }

  User next = current;
  ChangeSet changes;
  auto apply = [&](const char* field, std::string& target, const std::optional<std::string>& v) {
    if (!v) return;
    changes.add(field, target, *v);
    target = *v;
  };
  apply("display_name", next.display_name, patch.display_name);
  apply("email", next.email, patch.email);
  apply("phone", next.phone, patch.phone);
  apply("role", next.role, patch.role);
  apply("language", next.language, patch.language);
  apply("time_zone", next.time_zone, patch.time_zone);
  if (patch.organisation_id && *patch.organisation_id != current.organisation_id) {
    auto text = [](std::int64_t v) { return v ? std::optional(std::to_string(v)) : std::nullopt; };
    changes.add("organisation_id", text(current.organisation_id), text(*patch.organisation_id));
    next.organisation_id = *patch.organisation_id;
  }
  if (patch.manager_id && *patch.manager_id != current.manager_id) {
    auto text = [](std::int64_t v) { return v ? std::optional(std::to_string(v)) : std::nullopt; };
    changes.add("manager_id", text(current.manager_id), text(*patch.manager_id));
    next.manager_id = *patch.manager_id;
  }
  if (changes.empty()) return current;

  const std::string ts = format_rfc3339(now);
  const auto updated = TRY(ex.exec(
      "UPDATE users SET display_name = $3, email = $4, phone = $5, role = $6, "
      "organisation_id = $7, language = $8, time_zone = $9, manager_id = $11, "
      "version = version + 1, updated_at = $10 WHERE id = $1 AND version = $2",
      {id, expected_version, next.display_name, store::null_if_empty(next.email),
       store::null_if_empty(next.phone), next.role,
       next.organisation_id ? store::Value(next.organisation_id) : store::Value(store::Null{}),
       next.language, next.time_zone, ts,
       next.manager_id ? store::Value(next.manager_id) : store::Value(store::Null{})}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the person was changed by someone else; reload and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "user", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "user.updated", "user", id));
  auto reloaded = TRY(find_user_by_id(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
