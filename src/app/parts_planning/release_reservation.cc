#include "app/parts_planning/planning.h"
#include "app/platform/audit.h"

namespace fuwu::app {

Status release_reservation(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id) {
  TRY_VOID(require_stock_planner(actor));
  auto row = TRY(ex.query_one(
      "SELECT r.work_order_id, p.number, w.code, r.quantity FROM stock_reservations r JOIN parts "
      "p ON p.id = r.part_id JOIN warehouses w ON w.id = r.warehouse_id WHERE r.id = $1",
      {id}));
  if (!row) return Error(ErrorCode::not_found, "no such reservation");
  TRY_VOID(ex.exec("DELETE FROM stock_reservations WHERE id = $1", {id}));
  return write_audit(ex, actor, now, "ticket", row->i64(0), "release_stock",
                     {{"part", row->text(1), std::nullopt},
                      {"warehouse", row->text(2), std::nullopt},
                      {"quantity", std::to_string(row->i64(3)), std::nullopt}});
}

}  // namespace fuwu::app
