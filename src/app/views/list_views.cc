#include "app/views/views.h"

namespace fuwu::app {

Result<std::vector<SavedView>> list_views(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "view.read")) {
    return Error(ErrorCode::permission_denied, "you may not read views");
  }
  auto rows = TRY(ex.query(view_select() + " WHERE shared = 1 OR owner_id = $1 ORDER BY name, id",
                           {actor.principal.user_id}));
  std::vector<SavedView> out;
  for (const auto& r : rows)
    out.push_back(view_from_row(r));
  TRY_VOID(load_view_counts(ex, actor, out));
  return out;
}

}  // namespace fuwu::app
