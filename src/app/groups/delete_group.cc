#include "app/groups/group.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Status delete_group(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                    std::int64_t expected_version) {
  const Group current = TRY(group_for_change(ex, actor, id, expected_version));
  auto deleted =
      ex.exec("DELETE FROM groups WHERE id = $1 AND version = $2", {id, expected_version});
  if (!deleted.ok()) {
    if (deleted.error().code == ErrorCode::validation_failed) {
      return Error(ErrorCode::conflict, "the group is still referred to by other records");
    }
    return std::move(deleted).error();
  }
  std::vector<FieldChange> changes{{"name", current.name, std::nullopt},
                                   {"line", std::to_string(current.line), std::nullopt}};
  for (const auto& m : current.members)
    changes.push_back({"member", m.login, std::nullopt});
  TRY_VOID(write_audit(ex, actor, now, "group", id, "delete", changes));
  return emit_event(ex, actor, now, "group.deleted", "group", id);
}

}  // namespace fuwu::app
