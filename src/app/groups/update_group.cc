#include "app/groups/group.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Group> update_group(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           std::int64_t expected_version, const GroupPatch& patch) {
  const Group current = TRY(group_for_change(ex, actor, id, expected_version));
  TRY_VOID(validate_group_fields(patch.name, patch.line));
  if (patch.organisation_id && *patch.organisation_id != 0) {
    auto org =
        TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {*patch.organisation_id}));
    if (!org) {
      return Error(ErrorCode::validation_failed, "no such organisation")
          .with_field("organisation_id", "not_found", "no organisation with this id");
    }
    if (!access::may(actor.principal, "group.write", {.organisation_id = *patch.organisation_id})) {
      return Error(ErrorCode::permission_denied, "you may not move groups to this organisation");
    }
  }
  Group next = current;
  ChangeSet changes;
  auto text = [](std::int64_t v) { return v ? std::optional(std::to_string(v)) : std::nullopt; };
  if (patch.name) {
    changes.add("name", current.name, *patch.name);
    next.name = *patch.name;
  }
  if (patch.line) {
    changes.add("line", std::to_string(current.line), std::to_string(*patch.line));
    next.line = *patch.line;
  }
  if (patch.organisation_id) {
    changes.add("organisation_id", text(current.organisation_id), text(*patch.organisation_id));
    next.organisation_id = *patch.organisation_id;
  }
  if (patch.description) {
    changes.add("description", current.description, *patch.description);
    next.description = *patch.description;
  }
  if (changes.empty()) return current;
  auto updated = ex.exec(
      "UPDATE groups SET name = $3, line = $4, organisation_id = $5, description = $6, "
      "version = version + 1, updated_at = $7 WHERE id = $1 AND version = $2",
      {id, expected_version, next.name, std::int64_t{next.line},
       next.organisation_id ? store::Value(next.organisation_id) : store::Value(store::Null{}),
       next.description, format_rfc3339(now)});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "a group with this name exists")
          .with_field("name", "taken", "already used by another group");
    }
    return std::move(updated).error();
  }
  if (*updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the group was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "group", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "group.updated", "group", id));
  auto reloaded = TRY(find_group(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
