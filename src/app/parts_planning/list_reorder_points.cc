#include "app/parts_planning/planning.h"

namespace fuwu::app {

Result<std::vector<ReorderPoint>> list_reorder_points(store::Executor& ex, const Actor& actor,
                                                      bool below_only) {
  if (!access::can(actor.principal, "part.read")) {
    return Error(ErrorCode::permission_denied, "you may not read parts");
  }
  auto rows = TRY(ex.query(
      "SELECT rp.warehouse_id, w.code, rp.part_id, p.number, p.name_zh, rp.min_quantity, "
      "rp.reorder_quantity, COALESCE((SELECT s.quantity FROM stock_levels s WHERE "
      "s.warehouse_id = rp.warehouse_id AND s.part_id = rp.part_id AND s.condition = 'good'), "
      "0), COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r WHERE r.warehouse_id = "
      "rp.warehouse_id AND r.part_id = rp.part_id), 0) FROM reorder_points rp JOIN warehouses w "
      "ON w.id = rp.warehouse_id JOIN parts p ON p.id = rp.part_id ORDER BY w.code, p.number"));
  std::vector<ReorderPoint> out;
  for (const auto& r : rows) {
    ReorderPoint p{.warehouse_id = r.i64(0),
                   .warehouse_code = r.text(1),
                   .part_id = r.i64(2),
                   .part_number = r.text(3),
                   .part_name_zh = r.text(4),
                   .min_quantity = r.i64(5),
                   .reorder_quantity = r.i64(6),
                   .on_hand = r.i64(7),
                   .reserved = r.i64(8)};
    const std::int64_t free = p.on_hand - p.reserved;
    p.shortfall = free < p.min_quantity ? p.min_quantity - free : 0;
    if (!below_only || p.shortfall > 0) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fuwu::app
