// Spare parts of after-sales (配件, issue 8): the parts master, warehouses (the central
// warehouse, a service centre's, an engineer's own stock), stock levels and the movements that
// change them. Use cases, one per file in this folder, each inside the caller's unit of work.
//
// Every movement is one atomic, audited write. Stock is taken with a guarded UPDATE (quantity >=
// the amount), so it never goes negative, also when two requisitions race for the last unit on
// PostgreSQL: the second waits for the first and then finds too little (validation_failed,
// "quantity" "insufficient_stock"); a CHECK in the schema is the last line.
//
// Movement kinds and what they need (from = stock taken, to = stock added):
//   receipt        to                           goods in from a supplier
//   transfer       from, to                     between warehouses
//   requisition    from, to (an engineer's), work order   领用 for a work order (seed 004 §5.1.11)
//   issue          from, work order             handed out for a work order
//   consumption    from (an engineer's), work order       used on the repair sheet
//   faulty_return  to, work order               the replaced faulty part, sent back (condition
//   faulty) unused_return  from (an engineer's), to     parts not used, back to a centre or the
//   central store scrap          from                         written off (condition as given,
//   default faulty) adjustment     warehouse (to), counted      stock-take: the difference to the
//   counted quantity
//
// Access: part.read / part.write, warehouse.read / warehouse.write, stock.move. An engineer's
// stock.move has scope own: they move stock out of their own warehouse only, for work orders
// dispatched to them, and may not receive, transfer, scrap or adjust.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct Part {
  std::int64_t id = 0;
  std::string number;
  std::string name_zh;
  std::string name_en;
  std::string unit = "个";
  std::int64_t price_cents = 0;
  int warranty_months = 0;
  bool returnable = false;
  std::int64_t supplier_id = 0;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct PartPatch {
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
  std::optional<std::string> unit;
  std::optional<std::int64_t> price_cents;
  std::optional<int> warranty_months;
  std::optional<bool> returnable;
  std::optional<std::int64_t> supplier_id;  // 0 clears
};

struct StockLevel {
  std::int64_t warehouse_id = 0;
  std::int64_t part_id = 0;
  std::string part_number;
  std::string condition;  // good | faulty
  std::int64_t quantity = 0;
};

struct Warehouse {
  std::int64_t id = 0;
  std::string code;
  std::string name_zh;
  std::string kind;  // central | centre | engineer
  std::int64_t service_centre_id = 0;
  std::int64_t engineer_id = 0;
  std::vector<StockLevel> stock;  // filled by get
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewWarehouse {
  std::string code;
  std::string name_zh;
  std::string kind;
  std::int64_t service_centre_id = 0;
  std::int64_t engineer_id = 0;
};

struct StockMovement {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t part_id = 0;
  std::int64_t quantity = 0;
  std::string condition;
  std::int64_t from_warehouse_id = 0;
  std::int64_t to_warehouse_id = 0;
  std::int64_t work_order_id = 0;
  std::string note;
  std::int64_t actor_id = 0;
  Instant created_at;
};

struct NewStockMovement {
  std::string kind;
  std::int64_t part_id = 0;
  std::int64_t quantity = 0;
  std::optional<std::int64_t> counted;  // adjustment
  std::string condition;                // default by kind
  std::int64_t from_warehouse_id = 0;
  std::int64_t to_warehouse_id = 0;
  std::int64_t work_order_id = 0;
  std::string note;
};

struct MovementFilter {
  std::optional<std::int64_t> part_id;
  std::optional<std::int64_t> warehouse_id;
  std::optional<std::int64_t> work_order_id;
};

struct MovementPage {
  std::vector<StockMovement> items;
  std::optional<std::int64_t> next_after_id;
};

Result<Part> create_part(store::Executor& ex, const Actor& actor, Instant now, const Part& input);
Result<Part> get_part(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<std::vector<Part>> list_parts(store::Executor& ex, const Actor& actor);
Result<Part> update_part(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const PartPatch& patch);
Result<Warehouse> create_warehouse(store::Executor& ex, const Actor& actor, Instant now,
                                   const NewWarehouse& input);
Result<Warehouse> get_warehouse(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<std::vector<Warehouse>> list_warehouses(store::Executor& ex, const Actor& actor);
Result<StockMovement> record_stock_movement(store::Executor& ex, const Actor& actor, Instant now,
                                            const NewStockMovement& input);
Result<MovementPage> list_stock_movements(store::Executor& ex, const Actor& actor,
                                          const MovementFilter& filter, std::int64_t after_id,
                                          int limit);

// Shared by the use cases of this folder.
Result<std::optional<Part>> find_part(store::Executor& ex, std::int64_t id);
Result<std::optional<Warehouse>> find_warehouse(store::Executor& ex, std::int64_t id);
Status validate_part(const Part& p);

}  // namespace fuwu::app
