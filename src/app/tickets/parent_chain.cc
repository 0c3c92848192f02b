#include "app/tickets/relations.h"

namespace fuwu::app {

Result<bool> is_parent_ancestor(store::Executor& ex, std::int64_t ancestor, std::int64_t id) {
  for (int hops = 0; hops < 1000 && id != 0; ++hops) {
    if (id == ancestor) return true;
    auto row = TRY(ex.query_one(
        "SELECT source_id FROM ticket_links WHERE kind = 'parent_of' AND target_id = $1", {id}));
    id = row ? row->i64(0) : 0;
  }
  return false;
}

}  // namespace fuwu::app
