#include "app/platform/record_update.h"

#include <string>

#include "app/platform/outbox.h"

namespace fuwu::app {

Error changed_by_someone_else(std::string_view what) {
  return Error(ErrorCode::precondition_failed,
               std::string(what) + " was changed by someone else; reload it and try again");
}

Status finish_update(store::Executor& ex, const Actor& actor, Instant now,
                     std::string_view record_type, std::string_view what, std::int64_t id,
                     std::int64_t rows, const ChangeSet& changes) {
  if (rows == 0) return changed_by_someone_else(what);
  TRY_VOID(write_audit(ex, actor, now, record_type, id, "update", changes.changes()));
  return emit_event(ex, actor, now, std::string(record_type) + ".updated", record_type, id);
}

}  // namespace fuwu::app
