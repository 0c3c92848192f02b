#include "app/dispatch/dispatch.h"
#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<std::vector<PoolEntry>> list_pool(store::Executor& ex, const Actor& actor) {
  const auto dispatch = access::scope_for(actor.principal, "work_order.dispatch");
  if (dispatch && *dispatch == access::Scope::all) return load_pool(ex);
  if (!access::can(actor.principal, "work_order.claim")) {
    return Error(ErrorCode::permission_denied, "you may not see the dispatch pool");
  }
  // An engineer sees what they may claim: their skills, their centre's territory.
  auto engineer = TRY(find_engineer(ex, actor.principal.user_id));
  if (!engineer || !engineer->active) return std::vector<PoolEntry>();
  auto centre = TRY(find_service_centre(ex, engineer->service_centre_id));
  auto all = TRY(load_pool(ex));
  std::vector<PoolEntry> out;
  for (auto& e : all) {
    if (centre && pool_entry_fits(*engineer, *centre, e)) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace fuwu::app
