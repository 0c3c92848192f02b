#include "app/parts/part.h"
#include "app/parts_planning/planning.h"
#include "app/platform/audit.h"

namespace fuwu::app {

Result<ReorderPoint> set_reorder_point(store::Executor& ex, const Actor& actor, Instant now,
                                       const ReorderPoint& in) {
  if (!access::can(actor.principal, "warehouse.write")) {
    return Error(ErrorCode::permission_denied, "you may not change warehouses");
  }
  auto warehouse = TRY(find_warehouse(ex, in.warehouse_id));
  auto part = TRY(find_part(ex, in.part_id));
  if (!warehouse || !part) return Error(ErrorCode::not_found, "no such warehouse or part");
  Error e(ErrorCode::validation_failed, "the reorder point is not valid");
  if (in.min_quantity < 0) e.with_field("min_quantity", "out_of_range", "0 or more");
  if (in.reorder_quantity < 0) e.with_field("reorder_quantity", "out_of_range", "0 or more");
  if (!e.fields.empty()) return e;
  auto before = TRY(ex.query_one(
      "SELECT min_quantity, reorder_quantity FROM reorder_points WHERE warehouse_id = $1 AND "
      "part_id = $2",
      {in.warehouse_id, in.part_id}));
  TRY_VOID(ex.exec(
      "INSERT INTO reorder_points (warehouse_id, part_id, min_quantity, reorder_quantity, "
      "updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (warehouse_id, part_id) DO UPDATE SET "
      "min_quantity = excluded.min_quantity, reorder_quantity = excluded.reorder_quantity, "
      "updated_at = excluded.updated_at",
      {in.warehouse_id, in.part_id, in.min_quantity, in.reorder_quantity, format_rfc3339(now)}));
  auto text = [](const std::optional<store::Row>& r, std::size_t i) {
    return r ? std::optional(std::to_string(r->i64(i))) : std::nullopt;
  };
  TRY_VOID(
      write_audit(ex, actor, now, "warehouse", in.warehouse_id, "reorder_point",
                  {{"part", std::nullopt, part->number},
                   {"min_quantity", text(before, 0), std::to_string(in.min_quantity)},
                   {"reorder_quantity", text(before, 1), std::to_string(in.reorder_quantity)}}));
  auto all = TRY(list_reorder_points(ex, actor, false));
  for (auto& p : all)
    if (p.warehouse_id == in.warehouse_id && p.part_id == in.part_id) return p;
  return Error(ErrorCode::internal, "the reorder point was not stored");
}

}  // namespace fuwu::app
