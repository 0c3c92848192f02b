#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/platform/record_access.h"
#include "app/tickets/relations.h"

namespace fuwu::app {

Status set_user_availability(store::Executor& ex, const Actor& actor, Instant now,
                             std::int64_t user_id, bool available) {
  const bool self = actor.principal.user_id != 0 && actor.principal.user_id == user_id;
  if (!self && !TRY(record_visible(ex, actor, "user", user_id, "user.write"))) {
    return Error(ErrorCode::not_found, "no such user");
  }
  auto row = TRY(ex.query_one("SELECT available FROM users WHERE id = $1", {user_id}));
  if (!row) return Error(ErrorCode::not_found, "no such user");
  const bool was = row->i64(0) != 0;
  if (was == available) return {};
  TRY_VOID(ex.exec(
      "UPDATE users SET available = $2, version = version + 1, updated_at = $3 WHERE id = $1",
      {user_id, std::int64_t{available ? 1 : 0}, format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "user", user_id, "availability",
                       {{"available", was ? "true" : "false", available ? "true" : "false"}}));
  TRY_VOID(emit_event(ex, actor, now, "user.availability_changed", "user", user_id,
                      std::string("{\"available\":") + (available ? "true" : "false") + "}"));
  return {};
}

}  // namespace fuwu::app
