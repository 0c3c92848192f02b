#include "app/parts_planning/planning.h"

namespace fuwu::app {

Result<std::optional<SupplierClaim>> find_supplier_claim(store::Executor& ex, std::int64_t id) {
  auto head = TRY(ex.query_one(
      "SELECT c.id, c.number, c.supplier_id, o.name, c.note, c.total_cents, c.created_at FROM "
      "supplier_claims c JOIN organisations o ON o.id = c.supplier_id WHERE c.id = $1",
      {id}));
  if (!head) return std::optional<SupplierClaim>();
  SupplierClaim c{.id = head->i64(0),
                  .number = head->text(1),
                  .supplier_id = head->i64(2),
                  .supplier_name = head->text(3),
                  .note = head->text(4),
                  .total_cents = head->i64(5),
                  .created_at = parse_rfc3339(head->text(6)).value_or(Instant{})};
  for (const auto& r : TRY(ex.query(
           "SELECT l.movement_id, l.part_id, p.number, l.quantity, COALESCE(l.work_order_id, 0), "
           "l.value_cents, m.created_at FROM supplier_claim_lines l JOIN parts p ON p.id = "
           "l.part_id JOIN stock_movements m ON m.id = l.movement_id WHERE l.claim_id = $1 ORDER "
           "BY l.movement_id",
           {id}))) {
    c.lines.push_back({.movement_id = r.i64(0),
                       .part_id = r.i64(1),
                       .part_number = r.text(2),
                       .quantity = r.i64(3),
                       .work_order_id = r.i64(4),
                       .value_cents = r.i64(5),
                       .returned_at = parse_rfc3339(r.text(6)).value_or(Instant{})});
  }
  return std::optional<SupplierClaim>(std::move(c));
}

}  // namespace fuwu::app

namespace fuwu::app {

int china_year(Instant t) {
  return civil_from_days((t.unix_seconds + 8 * 3600) / 86400).year;
}

}  // namespace fuwu::app
