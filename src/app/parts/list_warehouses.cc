#include "app/parts/part.h"

namespace fuwu::app {

Result<std::vector<Warehouse>> list_warehouses(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "warehouse.read")) {
    return Error(ErrorCode::permission_denied, "you may not read warehouses");
  }
  auto rows = TRY(ex.query("SELECT id FROM warehouses ORDER BY code"));
  std::vector<Warehouse> out;
  for (const auto& r : rows)
    out.push_back(*TRY(find_warehouse(ex, r.i64(0))));
  return out;
}

}  // namespace fuwu::app
