#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/products/product.h"

namespace fuwu::app {

Result<ProductLine> create_product_line(store::Executor& ex, const Actor& actor, Instant now,
                                        const NewProductLine& in) {
  if (!access::can(actor.principal, "product.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the product catalogue");
  }
  TRY_VOID(validate_product_line(in.code, in.name_zh));
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO product_lines (code, name_zh, name_en, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $4) RETURNING id",
      {in.code, in.name_zh, in.name_en, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) return code_taken("product line");
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_audit(ex, actor, now, "product_line", id, "create",
                       {{"code", std::nullopt, in.code},
                        {"name_zh", std::nullopt, in.name_zh},
                        {"name_en", std::nullopt, in.name_en}}));
  TRY_VOID(emit_event(ex, actor, now, "product_line.created", "product_line", id));
  auto line = TRY(find_product_line(ex, id));
  return *line;
}

}  // namespace fuwu::app
