#include <algorithm>

#include "app/groups/group.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Group> remove_group_member(store::Executor& ex, const Actor& actor, Instant now,
                                  std::int64_t group_id, std::int64_t user_id) {
  const Group group = TRY(group_for_change(ex, actor, group_id, std::nullopt));
  const auto member = std::find_if(group.members.begin(), group.members.end(),
                                   [&](const GroupMember& m) { return m.user_id == user_id; });
  if (member == group.members.end()) {
    return Error(ErrorCode::not_found, "this person is not a member of the group");
  }
  TRY_VOID(ex.exec("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
                   {group_id, user_id}));
  TRY_VOID(ex.exec("UPDATE groups SET version = version + 1, updated_at = $2 WHERE id = $1",
                   {group_id, format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "group", group_id, "member_remove",
                       {{"member", member->login, std::nullopt}}));
  TRY_VOID(emit_event(ex, actor, now, "group.member_removed", "group", group_id,
                      "{\"user_id\":" + std::to_string(user_id) + "}"));
  auto reloaded = TRY(find_group(ex, group_id));
  return *reloaded;
}

}  // namespace fuwu::app
