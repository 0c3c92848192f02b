#include "app/parts/part.h"

namespace fuwu::app {

Result<Warehouse> get_warehouse(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "warehouse.read")) {
    return Error(ErrorCode::permission_denied, "you may not read warehouses");
  }
  auto w = TRY(find_warehouse(ex, id));
  if (!w) return Error(ErrorCode::not_found, "no such warehouse");
  return *w;
}

}  // namespace fuwu::app
