#include "app/parts/part.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<RepairSheet> add_repair_sheet_part(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t id, const SheetPartInput& in) {
  const auto w = TRY(get_work_order(ex, actor, id));
  if (!may_write_sheet(actor, work_order_ownership(w.ticket))) {
    return Error(ErrorCode::permission_denied, "you may not write this repair sheet");
  }
  const std::string& state = w.ticket.state;
  if (state != "on_site" && state != "waiting_parts" && state != "repaired") {
    return Error(ErrorCode::invalid_transition,
                 "parts are replaced on site, before the customer signs; the order is " + state);
  }
  Error e(ErrorCode::validation_failed, "the part cannot be used");
  const auto part = TRY(find_part(ex, in.part_id));
  if (!part) return e.with_field("part_id", "not_found", "a part of the parts master");
  // The stock of the engineer the order is dispatched to.
  auto own = TRY(ex.query_one(
      "SELECT w.id, COALESCE(s.quantity, 0) FROM warehouses w LEFT JOIN stock_levels s "
      "ON s.warehouse_id = w.id AND s.part_id = $2 AND s.condition = 'good' "
      "WHERE w.engineer_id = $1",
      {w.ticket.assignee_id, in.part_id}));
  if (!own) {
    return e.with_field("part_id", "not_in_stock",
                        "the engineer of this order has no stock of their own");
  }
  if (own->i64(1) == 0) {
    return e.with_field("part_id", "not_in_stock",
                        part->number + " is not in the engineer's own stock; requisition it first");
  }
  std::int64_t central = 0;
  const bool return_faulty = in.return_faulty.value_or(part->returnable);
  if (return_faulty) {
    auto row = TRY(
        ex.query_one("SELECT id FROM warehouses WHERE kind = 'central' ORDER BY id LIMIT 1", {}));
    if (!row) {
      return e.with_field("return_faulty", "not_allowed",
                          "there is no central warehouse to return the faulty part to");
    }
    central = row->i64(0);
  }
  NewStockMovement use;
  use.kind = "consumption";
  use.part_id = in.part_id;
  use.quantity = in.quantity;
  use.from_warehouse_id = own->i64(0);
  use.work_order_id = id;
  use.note = "维修单换件 / Replaced on the repair sheet";
  TRY_VOID(record_stock_movement(ex, actor, now, use));
  if (return_faulty) {
    // Seed 004 §5.1.11: the replaced major part goes back to headquarters.
    NewStockMovement back;
    back.kind = "faulty_return";
    back.part_id = in.part_id;
    back.quantity = in.quantity;
    back.to_warehouse_id = central;
    back.work_order_id = id;
    back.note = "换下的故障件返回总部 / Faulty part returned";
    TRY_VOID(record_stock_movement(ex, actor, now, back));
  }
  return load_repair_sheet(ex, id);
}

}  // namespace fuwu::app
