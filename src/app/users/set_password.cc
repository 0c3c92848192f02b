#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"

namespace fuwu::app {

Result<User> set_user_password(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t id, std::string_view password_hash) {
  const User user = TRY(user_for_change(ex, actor, id));
  // Your own password needs the current one (change_own_password), so a stolen session alone
  // cannot take over the account.
  if (id == actor.principal.user_id) {
    return Error(ErrorCode::conflict,
                 "change your own password with POST /api/v1/me/password and the current one");
  }
  const std::string ts = format_rfc3339(now);
  TRY_VOID(
      ex.exec("UPDATE users SET password_hash = $2, kind = 'user', password_changed_at = $3, "
              "updated_at = $3, version = version + 1 WHERE id = $1",
              {id, std::string(password_hash), ts}));
  // A new password ends every existing session of the account.
  TRY_VOID(ex.exec("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                   {id, ts}));
  ChangeSet changes;
  changes.add("password", std::string("(hidden)"), std::string("(changed)"));
  changes.add("kind", user.kind, std::string("user"));
  TRY_VOID(write_audit(ex, actor, now, "user", id, "password_change", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "user.password_set", "user", id));
  auto reloaded = TRY(find_user_by_id(ex, id));
  return *reloaded;
}

Status set_password(Services& s, const Actor& actor, std::string_view login,
                    std::string_view new_password) {
  const std::string hash = TRY(prepare_password(new_password));
  const Instant now = s.clock.now();
  auto st = s.db.write([&](store::Executor& ex) -> Status {
    auto user = TRY(find_user_by_login(ex, login));
    if (!user) return Error(ErrorCode::not_found, "no such user");
    TRY_VOID(set_user_password(ex, actor, now, user->id, hash));
    return {};
  });
  // Cleared after the commit, so no request can re-cache the old state.
  s.credentials_changed();
  return st;
}

}  // namespace fuwu::app
