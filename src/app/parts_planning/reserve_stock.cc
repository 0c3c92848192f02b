#include "app/parts/part.h"
#include "app/parts_planning/planning.h"
#include "app/platform/audit.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Status require_stock_planner(const Actor& actor) {
  const auto scope = access::scope_for(actor.principal, "stock.move");
  if (!scope || *scope != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not reserve stock");
  }
  return {};
}

Result<StockReservation> reserve_stock(store::Executor& ex, const Actor& actor, Instant now,
                                       const StockReservation& in) {
  TRY_VOID(require_stock_planner(actor));
  Error e(ErrorCode::validation_failed, "the reservation is not valid");
  if (in.quantity <= 0) e.with_field("quantity", "out_of_range", "a positive whole number");
  auto part = TRY(find_part(ex, in.part_id));
  if (!part) e.with_field("part_id", "not_found", "no such part");
  auto warehouse = TRY(find_warehouse(ex, in.warehouse_id));
  if (!warehouse) e.with_field("warehouse_id", "not_found", "no such warehouse");
  auto order = get_work_order(ex, actor, in.work_order_id);
  if (!order.ok()) {
    e.with_field("work_order_id", "not_found", "no such work order");
  } else if (order->ticket.state == "closed" || order->ticket.state == "cancelled" ||
             order->ticket.state == "declined") {
    e.with_field("work_order_id", "not_allowed", "an open work order");
  }
  if (!e.fields.empty()) return e;
  // The stock row is locked first (PostgreSQL), so reservations and movements of this part in
  // this warehouse take turns; SQLite writers are serial anyway.
  const bool pg = ex.dialect() == store::DialectKind::postgres;
  auto row = TRY(ex.query_one(
      std::string("SELECT quantity FROM stock_levels WHERE warehouse_id = $1 AND part_id = $2 AND "
                  "condition = 'good'") +
          (pg ? " FOR UPDATE" : ""),
      {in.warehouse_id, in.part_id}));
  const std::int64_t on_hand = row ? row->i64(0) : 0;
  auto held = TRY(ex.query_one(
      "SELECT COALESCE(SUM(quantity), 0) FROM stock_reservations WHERE warehouse_id = $1 AND "
      "part_id = $2",
      {in.warehouse_id, in.part_id}));
  const std::int64_t reserved = held->i64(0);
  if (on_hand - reserved < in.quantity) {
    return Error(ErrorCode::validation_failed, "not enough unreserved stock")
        .with_field("quantity", "insufficient_stock",
                    std::to_string(on_hand - reserved) + " " + part->unit + " of " + part->number +
                        " free in " + warehouse->code + " (" + std::to_string(on_hand) +
                        " in stock, " + std::to_string(reserved) + " reserved)");
  }
  auto rows = TRY(
      ex.query("INSERT INTO stock_reservations (warehouse_id, part_id, work_order_id, quantity, "
               "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (warehouse_id, "
               "part_id, work_order_id) DO UPDATE SET quantity = stock_reservations.quantity + "
               "excluded.quantity RETURNING id, quantity, created_at",
               {in.warehouse_id, in.part_id, in.work_order_id, in.quantity,
                actor.principal.user_id ? store::Value(actor.principal.user_id)
                                        : store::Value(store::Null{}),
                format_rfc3339(now)}));
  StockReservation out = in;
  out.id = rows.at(0).i64(0);
  out.quantity = rows.at(0).i64(1);
  out.part_number = part->number;
  out.created_at = parse_rfc3339(rows.at(0).text(2)).value_or(now);
  TRY_VOID(write_audit(ex, actor, now, "ticket", in.work_order_id, "reserve_stock",
                       {{"part", std::nullopt, part->number},
                        {"warehouse", std::nullopt, warehouse->code},
                        {"quantity", std::nullopt, std::to_string(in.quantity)}}));
  return out;
}

}  // namespace fuwu::app
