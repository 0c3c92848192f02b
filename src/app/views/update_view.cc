#include "app/platform/audit.h"
#include "app/views/views.h"

namespace fuwu::app {

Result<SavedView> update_view(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                              std::int64_t expected_version, const ViewPatch& patch) {
  const SavedView old = TRY(visible_view(ex, actor, id));
  SavedView next = old;
  if (patch.name) next.name = *patch.name;
  if (patch.shared) next.shared = *patch.shared;
  if (patch.filter) next.filter = *patch.filter;
  if (patch.sort) next.sort = *patch.sort;
  TRY_VOID(check_may_change(actor, old, next.shared));
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the view was changed by someone else; reload it and try again");
  }
  TRY_VOID(check_view(next.name, next.sort, next.filter));
  const auto& f = next.filter;
  const auto updated = TRY(ex.exec(
      "UPDATE saved_views SET name = $3, shared = $4, kind = $5, state = $6, state_category = $7, "
      "priority = $8, group_id = $9, assignee_id = $10, organisation_id = $11, requester_id = "
      "$12, sort = $13, version = version + 1, updated_at = $14 WHERE id = $1 AND version = $2",
      {id, expected_version, next.name, std::int64_t{next.shared ? 1 : 0}, store::opt(f.kind),
       store::opt(f.state), store::opt(f.state_category),
       f.priority ? store::Value(std::int64_t{*f.priority}) : store::Value(store::Null{}),
       store::opt(f.group_id), store::opt(f.assignee_id), store::opt(f.organisation_id),
       store::opt(f.requester_id), next.sort, format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the view was changed by someone else; reload it and try again");
  }
  if (patch.filter) {
    // New filters: every scope's counter starts again from one COUNT when next used.
    TRY_VOID(ex.exec("DELETE FROM saved_view_counts WHERE view_id = $1", {id}));
    TRY_VOID(ensure_view_counts(ex, actor, {id}));
  }
  ChangeSet changes;
  const auto before = view_fields(old), after = view_fields(next);
  for (const auto& [field, value] : after) {
    auto it = before.find(field);
    changes.add(field, it == before.end() ? std::nullopt : std::optional(it->second), value);
  }
  for (const auto& [field, value] : before) {
    if (!after.count(field)) changes.add(field, value, std::nullopt);
  }
  TRY_VOID(write_audit(ex, actor, now, "saved_view", id, "update", changes.changes()));
  return get_view(ex, actor, id);
}

}  // namespace fuwu::app
