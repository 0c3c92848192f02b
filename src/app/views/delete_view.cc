#include "app/platform/audit.h"
#include "app/views/views.h"

namespace fuwu::app {

Status delete_view(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                   std::int64_t expected_version) {
  const SavedView v = TRY(visible_view(ex, actor, id));
  TRY_VOID(check_may_change(actor, v, v.shared));
  if (v.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the view was changed by someone else; reload it and try again");
  }
  TRY_VOID(ex.exec("DELETE FROM saved_view_counts WHERE view_id = $1", {id}));
  TRY_VOID(ex.exec("DELETE FROM saved_views WHERE id = $1", {id}));
  ChangeSet changes;
  for (const auto& [field, value] : view_fields(v))
    changes.add(field, value, std::nullopt);
  TRY_VOID(write_audit(ex, actor, now, "saved_view", id, "delete", changes.changes()));
  return {};
}

}  // namespace fuwu::app
