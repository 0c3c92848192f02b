#include "app/groups/group.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Group> add_group_member(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t group_id, std::int64_t user_id) {
  const Group group = TRY(group_for_change(ex, actor, group_id, std::nullopt));
  auto user = TRY(ex.query_one(
      "SELECT id, login, kind, COALESCE(organisation_id, 0) FROM users WHERE id = $1", {user_id}));
  // A person the caller may not see is reported like one that does not exist.
  if (!user || !access::may(actor.principal, "user.read",
                            {.organisation_id = user->i64(3), .owner_user_id = user_id})) {
    return Error(ErrorCode::validation_failed, "no such person")
        .with_field("user_id", "not_found", "no person with this id");
  }
  if (user->text(2) != "user") {
    return Error(ErrorCode::validation_failed, "a contact cannot be a group member")
        .with_field("user_id", "not_allowed", "only users (people who sign in) can be members");
  }
  auto ins =
      ex.exec("INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)", {group_id, user_id});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "already a member of this group")
          .with_field("user_id", "taken", "already a member");
    }
    return std::move(ins).error();
  }
  TRY_VOID(ex.exec("UPDATE groups SET version = version + 1, updated_at = $2 WHERE id = $1",
                   {group_id, format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "group", group_id, "member_add",
                       {{"member", std::nullopt, user->text(1)}}));
  TRY_VOID(emit_event(ex, actor, now, "group.member_added", "group", group_id,
                      "{\"user_id\":" + std::to_string(user_id) + "}"));
  auto reloaded = TRY(find_group(ex, group.id));
  return *reloaded;
}

}  // namespace fuwu::app
