#include "app/views/views.h"

namespace fuwu::app {

Result<SavedView> get_view(store::Executor& ex, const Actor& actor, std::int64_t id) {
  std::vector<SavedView> one{TRY(visible_view(ex, actor, id))};
  TRY_VOID(load_view_counts(ex, actor, one));
  return one.front();
}

}  // namespace fuwu::app
