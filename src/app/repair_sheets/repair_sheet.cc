#include "app/repair_sheets/repair_sheet.h"

namespace fuwu::app {
namespace {

Result<std::vector<SheetMovement>> movements(store::Executor& ex, std::int64_t work_order_id,
                                             const char* kind) {
  auto rows = TRY(ex.query(
      "SELECT m.id, m.part_id, p.number, p.name_zh, p.unit, m.quantity, "
      "COALESCE(m.from_warehouse_id, m.to_warehouse_id, 0), m.created_at FROM stock_movements m "
      "JOIN parts p ON p.id = m.part_id WHERE m.work_order_id = $1 AND m.kind = $2 ORDER BY m.id",
      {work_order_id, std::string(kind)}));
  std::vector<SheetMovement> out;
  for (const auto& r : rows) {
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.i64(6),
                   parse_rfc3339(r.text(7)).value_or(Instant{})});
  }
  return out;
}

}  // namespace

Status product_line_exists(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one("SELECT 1 FROM product_lines WHERE id = $1", {id}));
  if (!row) return Error(ErrorCode::not_found, "no such product line");
  return {};
}

bool may_write_sheet(const Actor& actor, const access::RecordOwnership& order) {
  return access::may(actor.principal, "work_order.work", order) ||
         access::may(actor.principal, "work_order.write", order);
}

Result<RepairSheet> load_repair_sheet(store::Executor& ex, std::int64_t work_order_id) {
  RepairSheet s;
  s.work_order_id = work_order_id;
  auto row = TRY(ex.query_one(
      "SELECT s.fault_phenomenon, s.cause, s.solution, s.self_check, s.self_check_note, "
      "s.customer_verdict, s.customer_comment, COALESCE(s.signature_sha256, ''), s.signer_name, "
      "s.signed_at, COALESCE(s.repeat_of_id, 0), COALESCE(t.number, ''), s.version, "
      "s.updated_at, f.id, f.product_line_id, f.code, f.label_zh, f.label_en, f.created_at "
      "FROM repair_sheets s LEFT JOIN fault_codes f ON f.id = s.fault_code_id "
      "LEFT JOIN tickets t ON t.id = s.repeat_of_id WHERE s.work_order_id = $1",
      {work_order_id}));
  if (row) {
    const auto& r = *row;
    s.fault_phenomenon = r.text(0);
    s.cause = r.text(1);
    s.solution = r.text(2);
    s.self_check = r.text(3);
    s.self_check_note = r.text(4);
    s.customer_verdict = r.text(5);
    s.customer_comment = r.text(6);
    s.signature_sha256 = r.text(7);
    s.signer_name = r.text(8);
    if (!r.is_null(9)) s.signed_at = parse_rfc3339(r.text(9));
    if (r.i64(10)) s.repeat_of = OrderLink{r.i64(10), r.text(11)};
    s.version = r.i64(12);
    s.updated_at = parse_rfc3339(r.text(13));
    if (!r.is_null(14)) {
      s.fault_code =
          FaultCode{r.i64(14),  r.i64(15),  r.text(16),
                    r.text(17), r.text(18), parse_rfc3339(r.text(19)).value_or(Instant{})};
    }
  }
  auto repeats = TRY(ex.query(
      "SELECT t.id, t.number FROM repair_sheets s JOIN tickets t ON t.id = s.work_order_id "
      "WHERE s.repeat_of_id = $1 ORDER BY t.id",
      {work_order_id}));
  for (const auto& r : repeats)
    s.repeats.push_back({r.i64(0), r.text(1)});
  s.parts_replaced = TRY(movements(ex, work_order_id, "consumption"));
  s.faulty_returned = TRY(movements(ex, work_order_id, "faulty_return"));
  return s;
}

}  // namespace fuwu::app
