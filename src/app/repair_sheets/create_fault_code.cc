#include "app/platform/audit.h"
#include "app/products/product.h"
#include "app/repair_sheets/repair_sheet.h"

namespace fuwu::app {

Result<FaultCode> create_fault_code(store::Executor& ex, const Actor& actor, Instant now,
                                    const FaultCode& in) {
  if (!access::can(actor.principal, "product.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the product catalogue");
  }
  TRY_VOID(product_line_exists(ex, in.product_line_id));
  Error e(ErrorCode::validation_failed, "the fault code is not valid");
  if (!valid_code(in.code)) {
    e.with_field("code", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
  }
  if (in.label_zh.empty()) e.with_field("label_zh", "required", "the fault in Chinese");
  if (!e.fields.empty()) return e;
  auto taken =
      TRY(ex.query_one("SELECT 1 FROM fault_codes WHERE product_line_id = $1 AND code = $2",
                       {in.product_line_id, in.code}));
  if (taken) return code_taken("fault code of this product line");
  auto rows = TRY(
      ex.query("INSERT INTO fault_codes (product_line_id, code, label_zh, label_en, created_at) "
               "VALUES ($1, $2, $3, $4, $5) RETURNING id",
               {in.product_line_id, in.code, in.label_zh, in.label_en, format_rfc3339(now)}));
  FaultCode out = in;
  out.id = rows.at(0).i64(0);
  out.created_at = now;
  TRY_VOID(write_audit(ex, actor, now, "product_line", in.product_line_id, "fault_code_added",
                       {{"code", std::nullopt, in.code}, {"label_zh", std::nullopt, in.label_zh}}));
  return out;
}

}  // namespace fuwu::app
