#include "app/platform/audit.h"
#include "app/users/user.h"
#include "base/crypto.h"

namespace fuwu::app {

Status set_password(Services& s, const Actor& actor, std::string_view login,
                    std::string_view new_password) {
  TRY_VOID(validate_password(new_password));
  const std::string hash = TRY(crypto::hash_password(new_password));
  const Instant now = s.clock.now();
  auto st = s.db.write([&](store::Executor& ex) -> Status {
    auto user = TRY(find_user_by_login(ex, login));
    const bool self = user && user->id == actor.principal.user_id;
    if (!user || (!self && !access::can(actor.principal, "user.write"))) {
      return Error(ErrorCode::not_found, "no such user");
    }
    const std::string ts = format_rfc3339(now);
    TRY_VOID(
        ex.exec("UPDATE users SET password_hash = $2, kind = 'user', password_changed_at = $3, "
                "updated_at = $3, version = version + 1 WHERE id = $1",
                {user->id, hash, ts}));
    // A new password ends every existing session of the account.
    TRY_VOID(
        ex.exec("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                {user->id, ts}));
    return write_audit(ex, actor, now, "user", user->id, "password_change",
                       {{"password", std::string("(hidden)"), std::string("(changed)")}});
  });
  // Cleared after the commit, so no request can re-cache the old state.
  s.credentials_changed();
  return st;
}

}  // namespace fuwu::app
