#include <array>

#include "app/kpi/kpi.h"
#include "app/parts/part.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {
namespace {

struct KindSpec {
  std::string_view kind;
  bool from;          // stock is taken from a warehouse
  bool to;            // stock is added to a warehouse
  bool work_order;    // names the work order it is for
  bool engineer_may;  // an engineer (scope own) may record it
  std::string_view condition;
};

constexpr std::array<KindSpec, 9> kKinds = {{
    {"receipt", false, true, false, false, "good"},
    {"transfer", true, true, false, false, "good"},
    {"requisition", true, true, true, true, "good"},
    {"issue", true, false, true, false, "good"},
    {"consumption", true, false, true, true, "good"},
    {"faulty_return", false, true, true, true, "faulty"},
    {"unused_return", true, true, false, true, "good"},
    {"scrap", true, false, false, false, "faulty"},
    {"adjustment", false, true, false, false, "good"},
}};

const KindSpec* spec_of(std::string_view kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return &k;
  return nullptr;
}

}  // namespace

Result<StockMovement> record_stock_movement(store::Executor& ex, const Actor& actor, Instant now,
                                            const NewStockMovement& in) {
  const auto scope = access::scope_for(actor.principal, "stock.move");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not move stock");
  const bool engineer = *scope == access::Scope::own;
  const KindSpec* spec = spec_of(in.kind);
  if (spec == nullptr) {
    return Error(ErrorCode::validation_failed, "unknown movement kind")
        .with_field("kind", "not_allowed",
                    "receipt, transfer, requisition, issue, consumption, faulty_return, "
                    "unused_return, scrap or adjustment");
  }
  if (engineer && !spec->engineer_may) {
    return Error(ErrorCode::permission_denied, "engineers may not record a " + in.kind);
  }
  Error e(ErrorCode::validation_failed, "the stock movement is not valid");
  const std::string condition = in.condition.empty() ? std::string(spec->condition) : in.condition;
  if (condition != "good" && condition != "faulty") {
    e.with_field("condition", "not_allowed", "good or faulty");
  }
  auto part = TRY(find_part(ex, in.part_id));
  if (!part) e.with_field("part_id", "not_found", "no such part");
  const bool adjustment = in.kind == "adjustment";
  if (adjustment) {
    if (!in.counted || *in.counted < 0)
      e.with_field("counted", "required", "the counted quantity, 0 or more");
  } else if (in.quantity <= 0) {
    e.with_field("quantity", "out_of_range", "a positive whole number");
  }
  std::optional<Warehouse> from, to;
  auto load = [&](std::int64_t id, bool needed, const char* field,
                  std::optional<Warehouse>& out) -> Status {
    if (!needed) {
      if (id) e.with_field(field, "not_allowed", "this movement kind does not use it");
      return {};
    }
    if (id == 0) {
      e.with_field(field, "required", "the warehouse");
      return {};
    }
    out = TRY(find_warehouse(ex, id));
    if (!out) e.with_field(field, "not_found", "no such warehouse");
    return {};
  };
  TRY_VOID(load(in.from_warehouse_id, spec->from, "from_warehouse_id", from));
  TRY_VOID(load(in.to_warehouse_id, spec->to, "to_warehouse_id", to));
  if (from && to && from->id == to->id) {
    e.with_field("to_warehouse_id", "not_allowed", "another warehouse than the source");
  }
  // Requisitions go to an engineer's stock; engineers consume and return from their own.
  if (in.kind == "requisition" && to && to->kind != "engineer") {
    e.with_field("to_warehouse_id", "not_allowed", "an engineer's own warehouse");
  }
  if ((in.kind == "consumption" || in.kind == "unused_return") && from &&
      from->kind != "engineer") {
    e.with_field("from_warehouse_id", "not_allowed", "an engineer's own warehouse");
  }
  if (in.kind == "faulty_return" && to && to->kind == "engineer") {
    e.with_field("to_warehouse_id", "not_allowed", "the central warehouse or a centre's");
  }
  if (engineer) {
    const auto mine = [&](const std::optional<Warehouse>& w) {
      return !w || w->kind != "engineer" || w->engineer_id == actor.principal.user_id;
    };
    if (!mine(from) || !mine(to) || (from && from->kind != "engineer")) {
      return Error(ErrorCode::permission_denied, "engineers move stock out of their own warehouse");
    }
  }
  if (spec->work_order) {
    if (in.work_order_id == 0) {
      e.with_field("work_order_id", "required", "the work order the parts are for");
    } else if (!get_work_order(ex, actor, in.work_order_id).ok()) {
      e.with_field("work_order_id", "not_found", "no such work order");
    }
  } else if (in.work_order_id != 0 && !get_work_order(ex, actor, in.work_order_id).ok()) {
    e.with_field("work_order_id", "not_found", "no such work order");
  }
  if (!e.fields.empty()) return e;

  std::int64_t quantity = in.quantity;
  if (adjustment) {
    // A stock-take: the difference to the counted quantity, in or out.
    auto row = TRY(ex.query_one(
        "SELECT quantity FROM stock_levels WHERE warehouse_id = $1 AND part_id = $2 AND "
        "condition = $3",
        {to->id, part->id, condition}));
    const std::int64_t current = row ? row->i64(0) : 0;
    if (*in.counted == current) {
      return Error(ErrorCode::validation_failed, "the count equals the stock")
          .with_field("counted", "unchanged", "the stock is already " + std::to_string(current));
    }
    quantity = *in.counted > current ? *in.counted - current : current - *in.counted;
    if (*in.counted < current) std::swap(from, to);
  }
  if (from) {
    // Good stock reserved for other work orders stays (app/parts_planning): stock minus
    // reservations never goes negative.
    const auto taken = TRY(ex.exec(
        "UPDATE stock_levels SET quantity = quantity - $4 WHERE warehouse_id = $1 AND part_id = "
        "$2 AND condition = $3 AND quantity - $4 >= (CASE WHEN $3 = 'good' THEN (SELECT "
        "COALESCE(SUM(r.quantity), 0) FROM stock_reservations r WHERE r.warehouse_id = $1 AND "
        "r.part_id = $2 AND r.work_order_id <> $5) ELSE 0 END)",
        {from->id, part->id, condition, quantity, in.work_order_id}));
    if (taken == 0) {
      auto row = TRY(ex.query_one(
          "SELECT quantity, (SELECT COALESCE(SUM(r.quantity), 0) FROM stock_reservations r WHERE "
          "r.warehouse_id = $1 AND r.part_id = $2 AND r.work_order_id <> $4) FROM stock_levels "
          "WHERE warehouse_id = $1 AND part_id = $2 AND condition = $3",
          {from->id, part->id, condition, in.work_order_id}));
      const std::int64_t available = row ? row->i64(0) : 0;
      const std::int64_t held = row && condition == "good" ? row->i64(1) : 0;
      return Error(ErrorCode::validation_failed, "not enough stock")
          .with_field("quantity", "insufficient_stock",
                      std::to_string(available) + " " + part->unit + " of " + part->number + " (" +
                          condition + ") in " + from->code +
                          (held ? ", " + std::to_string(held) + " reserved for other work orders"
                                : std::string()));
    }
    if (in.work_order_id && condition == "good") {
      // The order draws its own reservation down first.
      TRY_VOID(
          ex.exec("DELETE FROM stock_reservations WHERE warehouse_id = $1 AND part_id = $2 AND "
                  "work_order_id = $3 AND quantity <= $4",
                  {from->id, part->id, in.work_order_id, quantity}));
      TRY_VOID(ex.exec(
          "UPDATE stock_reservations SET quantity = quantity - $4 WHERE warehouse_id = $1 AND "
          "part_id = $2 AND work_order_id = $3 AND quantity > $4",
          {from->id, part->id, in.work_order_id, quantity}));
    }
  }
  if (to) {
    TRY_VOID(ex.exec(
        "INSERT INTO stock_levels (warehouse_id, part_id, condition, quantity) VALUES ($1, $2, "
        "$3, $4) ON CONFLICT (warehouse_id, part_id, condition) DO UPDATE SET quantity = "
        "stock_levels.quantity + excluded.quantity",
        {to->id, part->id, condition, quantity}));
  }
  auto id_or_null = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  const std::int64_t from_id = from ? from->id : 0, to_id = to ? to->id : 0;
  auto rows = TRY(ex.query(
      "INSERT INTO stock_movements (kind, part_id, quantity, condition, from_warehouse_id, "
      "to_warehouse_id, work_order_id, note, actor_id, created_at) VALUES ($1, $2, $3, $4, $5, "
      "$6, $7, $8, $9, $10) RETURNING id",
      {in.kind, part->id, quantity, condition, id_or_null(from_id), id_or_null(to_id),
       id_or_null(in.work_order_id), in.note, id_or_null(actor.principal.user_id),
       format_rfc3339(now)}));
  const std::int64_t id = rows.at(0).i64(0);
  TRY_VOID(write_audit(
      ex, actor, now, "stock_movement", id, in.kind,
      {{"part", std::nullopt, part->number},
       {"quantity", std::nullopt, std::to_string(quantity)},
       {"condition", std::nullopt, condition},
       {"from_warehouse_id", std::nullopt,
        from ? std::optional(std::to_string(from_id)) : std::nullopt},
       {"to_warehouse_id", std::nullopt, to ? std::optional(std::to_string(to_id)) : std::nullopt},
       {"work_order_id", std::nullopt,
        in.work_order_id ? std::optional(std::to_string(in.work_order_id)) : std::nullopt}}));
  TRY_VOID(emit_event(ex, actor, now, "stock.moved", "stock_movement", id));
  // The order's parts cost and fees (app/kpi).
  if (in.work_order_id) TRY_VOID(refresh_work_order_facts(ex, in.work_order_id, now));
  return StockMovement{id,      in.kind, part->id,         quantity, condition,
                       from_id, to_id,   in.work_order_id, in.note,  actor.principal.user_id,
                       now};
}

}  // namespace fuwu::app
