#include <cstdio>

#include "app/parts_planning/planning.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<SupplierClaim> create_supplier_claim(store::Executor& ex, const Actor& actor, Instant now,
                                            std::int64_t supplier_id, const std::string& note) {
  if (!access::can(actor.principal, "part.write")) {
    return Error(ErrorCode::permission_denied, "you may not claim from suppliers");
  }
  auto supplier = TRY(ex.query_one("SELECT kind FROM organisations WHERE id = $1", {supplier_id}));
  if (!supplier || supplier->text(0) != "supplier") {
    return Error(ErrorCode::validation_failed, "no such supplier")
        .with_field("supplier_id", "not_found", "an organisation of kind supplier");
  }
  auto returned = TRY(ex.query(
      "SELECT m.id, m.part_id, m.quantity, m.work_order_id, p.price_cents FROM stock_movements m "
      "JOIN parts p ON p.id = m.part_id WHERE m.kind = 'faulty_return' AND p.supplier_id = $1 "
      "AND NOT EXISTS (SELECT 1 FROM supplier_claim_lines l WHERE l.movement_id = m.id) ORDER BY "
      "m.id",
      {supplier_id}));
  if (returned.empty()) {
    return Error(ErrorCode::validation_failed, "nothing to claim")
        .with_field("supplier_id", "nothing_to_claim",
                    "no returned faulty part of this supplier is outside a claim");
  }
  const std::string ts = format_rfc3339(now);
  auto rows = TRY(
      ex.query("INSERT INTO supplier_claims (number, supplier_id, note, total_cents, created_by, "
               "created_at) VALUES ($1, $2, $3, 0, $4, $5) RETURNING id",
               // A placeholder until the id is known: the first movement is in no other claim.
               {"SC-pending-" + std::to_string(returned.front().i64(0)), supplier_id, note,
                actor.principal.user_id ? store::Value(actor.principal.user_id)
                                        : store::Value(store::Null{}),
                ts}));
  const std::int64_t id = rows.at(0).i64(0);
  char number[40];
  std::snprintf(number, sizeof number, "SC-%04d-%06lld", china_year(now),
                static_cast<long long>(id));
  std::int64_t total = 0;
  for (const auto& r : returned) {
    const std::int64_t value = r.i64(2) * r.i64(4);
    total += value;
    // The unique movement_id keeps a returned part in one claim, also against a racing claim.
    TRY_VOID(
        ex.exec("INSERT INTO supplier_claim_lines (claim_id, movement_id, part_id, quantity, "
                "work_order_id, value_cents) VALUES ($1, $2, $3, $4, $5, $6)",
                {id, r.i64(0), r.i64(1), r.i64(2),
                 r.is_null(3) ? store::Value(store::Null{}) : store::Value(r.i64(3)), value}));
  }
  TRY_VOID(ex.exec("UPDATE supplier_claims SET number = $2, total_cents = $3 WHERE id = $1",
                   {id, std::string(number), total}));
  TRY_VOID(write_audit(ex, actor, now, "supplier_claim", id, "create",
                       {{"supplier_id", std::nullopt, std::to_string(supplier_id)},
                        {"lines", std::nullopt, std::to_string(returned.size())},
                        {"total_cents", std::nullopt, std::to_string(total)}}));
  TRY_VOID(emit_event(ex, actor, now, "supplier_claim.created", "supplier_claim", id,
                      std::string("{\"number\":\"") + number + "\"}"));
  auto claim = TRY(find_supplier_claim(ex, id));
  return *claim;
}

}  // namespace fuwu::app
