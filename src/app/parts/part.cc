#include "app/parts/part.h"

#include "app/products/product.h"

namespace fuwu::app {

Result<std::optional<Part>> find_part(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      "SELECT id, number, name_zh, name_en, unit, price_cents, warranty_months, returnable, "
      "supplier_id, version, created_at, updated_at FROM parts WHERE id = $1",
      {id}));
  if (!row) return std::optional<Part>();
  const auto& r = *row;
  Part p;
  p.id = r.i64(0);
  p.number = r.text(1);
  p.name_zh = r.text(2);
  p.name_en = r.text(3);
  p.unit = r.text(4);
  p.price_cents = r.i64(5);
  p.warranty_months = static_cast<int>(r.i64(6));
  p.returnable = r.i64(7) != 0;
  p.supplier_id = r.i64(8);
  p.version = r.i64(9);
  p.created_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  p.updated_at = parse_rfc3339(r.text(11)).value_or(Instant{});
  return std::optional<Part>(std::move(p));
}

Result<std::optional<Warehouse>> find_warehouse(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      "SELECT id, code, name_zh, kind, service_centre_id, engineer_id, version, created_at, "
      "updated_at FROM warehouses WHERE id = $1",
      {id}));
  if (!row) return std::optional<Warehouse>();
  const auto& r = *row;
  Warehouse w;
  w.id = r.i64(0);
  w.code = r.text(1);
  w.name_zh = r.text(2);
  w.kind = r.text(3);
  w.service_centre_id = r.i64(4);
  w.engineer_id = r.i64(5);
  w.version = r.i64(6);
  w.created_at = parse_rfc3339(r.text(7)).value_or(Instant{});
  w.updated_at = parse_rfc3339(r.text(8)).value_or(Instant{});
  auto levels = TRY(ex.query(
      "SELECT s.warehouse_id, s.part_id, p.number, s.condition, s.quantity FROM stock_levels s "
      "JOIN parts p ON p.id = s.part_id WHERE s.warehouse_id = $1 ORDER BY p.number, s.condition",
      {id}));
  for (const auto& l : levels)
    w.stock.push_back({l.i64(0), l.i64(1), l.text(2), l.text(3), l.i64(4)});
  return std::optional<Warehouse>(std::move(w));
}

Status validate_part(const Part& p) {
  Error e(ErrorCode::validation_failed, "the part is not valid");
  if (!valid_code(p.number)) {
    e.with_field("number", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
  }
  if (p.name_zh.empty()) e.with_field("name_zh", "required", "the Chinese name");
  if (p.unit.empty()) e.with_field("unit", "required", "the unit of issue, e.g. 个, 套, 米");
  if (p.price_cents < 0) e.with_field("price_cents", "out_of_range", "0 or more");
  if (p.warranty_months < 0 || p.warranty_months > 600) {
    e.with_field("warranty_months", "out_of_range", "0 to 600");
  }
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
