// The end of a use case that updates one record under optimistic concurrency: the version the
// caller read is checked by the UPDATE itself ("... WHERE id = $1 AND version = $2").
#pragma once

#include <cstdint>
#include <string_view>

#include "app/platform/audit.h"

namespace fuwu::app {

// precondition_failed: `what` ("the site") was changed by someone else since it was read.
Error changed_by_someone_else(std::string_view what);

// After the guarded UPDATE touched `rows` rows: none means someone else changed the record first
// (changed_by_someone_else(what)); otherwise writes the audit entry "update" of `record_type`
// with `changes` and emits the event "<record_type>.updated".
Status finish_update(store::Executor& ex, const Actor& actor, Instant now,
                     std::string_view record_type, std::string_view what, std::int64_t id,
                     std::int64_t rows, const ChangeSet& changes);

}  // namespace fuwu::app
