#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/products/product.h"

namespace fuwu::app {

Result<ProductModel> create_product_model(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t product_line_id, const NewProductModel& in) {
  TRY_VOID(get_product_line(ex, actor, product_line_id));  // not_found before permission_denied
  if (!access::can(actor.principal, "product.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the product catalogue");
  }
  ProductModel m;
  m.product_line_id = product_line_id;
  m.code = in.code;
  m.name_zh = in.name_zh;
  m.name_en = in.name_en;
  m.warranty_start = in.warranty_start;
  if (m.warranty_start.empty()) {
    m.warranty_start = {aftersales::DateBasis::installation, aftersales::DateBasis::delivery,
                        aftersales::DateBasis::sale};
  }
  m.warranty_months = in.warranty_months;
  m.parts = in.parts;
  TRY_VOID(validate_product_model(m));
  const std::string ts = format_rfc3339(now);
  const std::string rule = aftersales::format_start_rule(m.warranty_start);
  auto ins = ex.query(
      "INSERT INTO product_models (product_line_id, code, name_zh, name_en, warranty_start, "
      "warranty_months, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
      "RETURNING id",
      {product_line_id, m.code, m.name_zh, m.name_en, rule, std::int64_t{m.warranty_months}, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) return code_taken("product model");
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_model_parts(ex, id, m.parts));
  TRY_VOID(write_audit(ex, actor, now, "product_model", id, "create",
                       {{"product_line_id", std::nullopt, std::to_string(product_line_id)},
                        {"code", std::nullopt, m.code},
                        {"name_zh", std::nullopt, m.name_zh},
                        {"name_en", std::nullopt, m.name_en},
                        {"warranty_start", std::nullopt, rule},
                        {"warranty_months", std::nullopt, std::to_string(m.warranty_months)},
                        {"parts", std::nullopt, parts_text(m.parts)}}));
  TRY_VOID(emit_event(ex, actor, now, "product_model.created", "product_model", id));
  auto created = TRY(find_product_model(ex, id));
  return *created;
}

}  // namespace fuwu::app
