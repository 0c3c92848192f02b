#include "app/parts_planning/planning.h"

namespace fuwu::app {

Result<std::vector<StockReservation>> list_reservations(store::Executor& ex, const Actor& actor,
                                                        std::optional<std::int64_t> work_order_id,
                                                        std::optional<std::int64_t> warehouse_id) {
  if (!access::can(actor.principal, "warehouse.read")) {
    return Error(ErrorCode::permission_denied, "you may not read warehouses");
  }
  auto rows = TRY(ex.query(
      "SELECT r.id, r.warehouse_id, r.part_id, p.number, r.work_order_id, r.quantity, "
      "r.created_at FROM stock_reservations r JOIN parts p ON p.id = r.part_id WHERE ($1 = 0 OR "
      "r.work_order_id = $1) AND ($2 = 0 OR r.warehouse_id = $2) ORDER BY r.id",
      {work_order_id.value_or(0), warehouse_id.value_or(0)}));
  std::vector<StockReservation> out;
  for (const auto& r : rows) {
    out.push_back({.id = r.i64(0),
                   .warehouse_id = r.i64(1),
                   .part_id = r.i64(2),
                   .part_number = r.text(3),
                   .work_order_id = r.i64(4),
                   .quantity = r.i64(5),
                   .created_at = parse_rfc3339(r.text(6)).value_or(Instant{})});
  }
  return out;
}

}  // namespace fuwu::app
