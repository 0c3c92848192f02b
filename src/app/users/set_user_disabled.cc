#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"

namespace fuwu::app {

Status set_user_disabled(Services& s, const Actor& actor, std::string_view login, bool disabled) {
  if (!access::can(actor.principal, "user.write")) {
    return Error(ErrorCode::permission_denied, "you may not change users");
  }
  const Instant now = s.clock.now();
  auto st = s.db.write([&](store::Executor& ex) -> Status {
    auto user = TRY(find_user_by_login(ex, login));
    if (!user) return Error(ErrorCode::not_found, "no such user");
    if (user->disabled == disabled) return {};
    const std::string ts = format_rfc3339(now);
    TRY_VOID(ex.exec(
        "UPDATE users SET disabled = $2, updated_at = $3, version = version + 1 WHERE id = $1",
        {user->id, std::int64_t{disabled ? 1 : 0}, ts}));
    if (disabled) {
      TRY_VOID(
          ex.exec("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                  {user->id, ts}));
      TRY_VOID(
          ex.exec("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                  {user->id, ts}));
    }
    TRY_VOID(write_audit(ex, actor, now, "user", user->id, disabled ? "disable" : "enable",
                         {{"disabled", std::string(user->disabled ? "true" : "false"),
                           std::string(disabled ? "true" : "false")}}));
    return emit_event(ex, actor, now, disabled ? "user.disabled" : "user.enabled", "user",
                      user->id);
  });
  // Cleared after the commit, so no request can re-cache the old state.
  s.credentials_changed();
  return st;
}

}  // namespace fuwu::app
