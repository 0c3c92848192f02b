#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/users/user.h"

namespace fuwu::app {

Status change_own_password(store::Executor& ex, const Actor& actor, Instant now,
                           std::string_view current_hash, std::string_view new_hash,
                           std::string_view keep_session_hash) {
  const std::int64_t id = actor.principal.user_id;
  if (id == 0) return Error(ErrorCode::permission_denied, "only a person has a password");
  // The hash verified before this unit must still be the stored one: a concurrent change wins.
  const std::string stored = TRY(read_password_hash(ex, id));
  if (stored.empty() || stored != current_hash) {
    return Error(ErrorCode::precondition_failed,
                 "the password was changed meanwhile; sign in again and retry");
  }
  const std::string ts = format_rfc3339(now);
  TRY_VOID(
      ex.exec("UPDATE users SET password_hash = $2, password_changed_at = $3, "
              "updated_at = $3, version = version + 1 WHERE id = $1",
              {id, std::string(new_hash), ts}));
  TRY_VOID(
      ex.exec("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL "
              "AND token_hash <> $3",
              {id, ts, std::string(keep_session_hash)}));
  TRY_VOID(write_audit(ex, actor, now, "user", id, "password_change",
                       {{"password", std::string("(hidden)"), std::string("(changed)")}}));
  return emit_event(ex, actor, now, "user.password_changed", "user", id);
}

}  // namespace fuwu::app
