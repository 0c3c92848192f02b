// Spare parts planning (issue 8): stock reservations for work orders, reorder points per part
// and warehouse, the monthly parts demand plan from consumption history (seed 004 §5.1.12), and
// supplier claims grouping returned faulty parts. Use cases, one per file in this folder, each
// inside the caller's unit of work.
//
// Reservations: a quantity of good stock in one warehouse held for one work order. Reserving
// needs that much unreserved stock (validation_failed "quantity" "insufficient_stock"); while it
// stands, no movement for another order (or none) may take the stock below the reservations of
// others — record_stock_movement enforces it with the same guarded UPDATE that keeps stock from
// going negative; a movement for the reserving order draws its reservation down first. On
// PostgreSQL reserving locks the stock row (FOR UPDATE), so racing reservations and
// requisitions are serial; SQLite writers are serial anyway. Stock minus reservations is never
// negative. Permission "stock.move" with scope all (agents).
//
// Reorder points: per part and warehouse, a minimum (min_quantity) and the purchasing lot
// (reorder_quantity); the list below them compares good stock minus reservations with the
// minimum. Permission "warehouse.write" to set, "part.read" to list.
//
// Demand plan: domain/aftersales/parts_plan.h; consumption = "consumption" and "issue"
// movements per whole month in China time. Permission "part.read".
//
// Supplier claims (索赔): every faulty_return movement of a part the supplier supplies, not yet
// in a claim, grouped into one claim numbered SC-YYYY-NNNN with its lines and value. A movement
// is in one claim at most (unique). Permission "part.write".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/aftersales/parts_plan.h"

namespace fuwu::app {

struct StockReservation {
  std::int64_t id = 0;
  std::int64_t warehouse_id = 0;
  std::int64_t part_id = 0;
  std::string part_number;
  std::int64_t work_order_id = 0;
  std::int64_t quantity = 0;
  Instant created_at;
};

struct ReorderPoint {
  std::int64_t warehouse_id = 0;
  std::string warehouse_code;
  std::int64_t part_id = 0;
  std::string part_number;
  std::string part_name_zh;
  std::int64_t min_quantity = 0;
  std::int64_t reorder_quantity = 0;
  std::int64_t on_hand = 0;    // good stock
  std::int64_t reserved = 0;   // reservations
  std::int64_t shortfall = 0;  // min_quantity − (on_hand − reserved), when positive
};

struct SupplierClaimLine {
  std::int64_t movement_id = 0;
  std::int64_t part_id = 0;
  std::string part_number;
  std::int64_t quantity = 0;
  std::int64_t work_order_id = 0;
  std::int64_t value_cents = 0;
  Instant returned_at;
};

struct SupplierClaim {
  std::int64_t id = 0;
  std::string number;
  std::int64_t supplier_id = 0;
  std::string supplier_name;
  std::string note;
  std::int64_t total_cents = 0;
  std::vector<SupplierClaimLine> lines;
  Instant created_at;
};

// Shared: stock.move with scope all, else permission_denied.
Status require_stock_planner(const Actor& actor);
Result<std::optional<SupplierClaim>> find_supplier_claim(store::Executor& ex, std::int64_t id);
int china_year(Instant t);

Result<StockReservation> reserve_stock(store::Executor& ex, const Actor& actor, Instant now,
                                       const StockReservation& input);
Status release_reservation(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id);
Result<std::vector<StockReservation>> list_reservations(store::Executor& ex, const Actor& actor,
                                                        std::optional<std::int64_t> work_order_id,
                                                        std::optional<std::int64_t> warehouse_id);
Result<ReorderPoint> set_reorder_point(store::Executor& ex, const Actor& actor, Instant now,
                                       const ReorderPoint& input);
// Every reorder point (below_only: those short of their minimum), by warehouse and part.
Result<std::vector<ReorderPoint>> list_reorder_points(store::Executor& ex, const Actor& actor,
                                                      bool below_only);
// The plan for `month` (first day of it), from the `history_months` whole months before it.
Result<aftersales::DemandPlan> parts_demand_plan(store::Executor& ex, const Actor& actor,
                                                 Date month, int history_months);
// The plan as an XLSX workbook for purchasing (report/xlsx): one sheet of the lines with the
// CSV's columns (numbers as numbers, prices as money), the consumption per history month beside
// them, and the total; internal when the writer fails.
Result<std::string> parts_demand_plan_xlsx(const aftersales::DemandPlan& plan);
Result<SupplierClaim> create_supplier_claim(store::Executor& ex, const Actor& actor, Instant now,
                                            std::int64_t supplier_id, const std::string& note);
Result<SupplierClaim> get_supplier_claim(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<std::vector<SupplierClaim>> list_supplier_claims(store::Executor& ex, const Actor& actor);

}  // namespace fuwu::app
