#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"

namespace fuwu::app {

Result<User> set_user_disabled(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t id, bool disabled) {
  const User user = TRY(user_for_change(ex, actor, id));
  if (disabled && id == actor.principal.user_id) {
    return Error(ErrorCode::conflict, "you may not disable your own account");
  }
  if (user.disabled == disabled) return user;
  const std::string ts = format_rfc3339(now);
  TRY_VOID(ex.exec(
      "UPDATE users SET disabled = $2, updated_at = $3, version = version + 1 WHERE id = $1",
      {id, std::int64_t{disabled ? 1 : 0}, ts}));
  if (disabled) {
    TRY_VOID(ex.exec(
        "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL", {id, ts}));
    TRY_VOID(
        ex.exec("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                {id, ts}));
  }
  TRY_VOID(write_audit(ex, actor, now, "user", id, disabled ? "disable" : "enable",
                       {{"disabled", std::string(user.disabled ? "true" : "false"),
                         std::string(disabled ? "true" : "false")}}));
  TRY_VOID(emit_event(ex, actor, now, disabled ? "user.disabled" : "user.enabled", "user", id));
  auto reloaded = TRY(find_user_by_id(ex, id));
  return *reloaded;
}

Status set_user_disabled(Services& s, const Actor& actor, std::string_view login, bool disabled) {
  if (!access::can(actor.principal, "user.write")) {
    return Error(ErrorCode::permission_denied, "you may not change users");
  }
  const Instant now = s.clock.now();
  auto st = s.db.write([&](store::Executor& ex) -> Status {
    auto user = TRY(find_user_by_login(ex, login));
    if (!user) return Error(ErrorCode::not_found, "no such user");
    TRY_VOID(set_user_disabled(ex, actor, now, user->id, disabled));
    return {};
  });
  // Cleared after the commit, so no request can re-cache the old state.
  s.credentials_changed();
  return st;
}

}  // namespace fuwu::app
