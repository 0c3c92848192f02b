#include "app/repair_sheets/repair_sheet.h"

namespace fuwu::app {

Result<std::vector<FaultCode>> list_fault_codes(store::Executor& ex, const Actor& actor,
                                                std::int64_t product_line_id) {
  if (!access::can(actor.principal, "product.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the product catalogue");
  }
  TRY_VOID(product_line_exists(ex, product_line_id));
  auto rows = TRY(
      ex.query("SELECT id, product_line_id, code, label_zh, label_en, created_at FROM fault_codes "
               "WHERE product_line_id = $1 ORDER BY code",
               {product_line_id}));
  std::vector<FaultCode> out;
  for (const auto& r : rows) {
    out.push_back({r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4),
                   parse_rfc3339(r.text(5)).value_or(Instant{})});
  }
  return out;
}

}  // namespace fuwu::app
