// Whether an actor may see a record of any kind, for cross-cutting reads (audit journal, links,
// attachments). Each record kind contributes its ownership rule here.
#pragma once

#include "app/platform/context.h"

namespace fuwu::app {

// True when the record exists and `actor` holds `permission` with a scope that reaches it.
Result<bool> record_visible(store::Executor& ex, const Actor& actor, std::string_view record_type,
                            std::int64_t record_id, std::string_view permission);

}  // namespace fuwu::app
