#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/products/product.h"

namespace fuwu::app {

Result<ProductModel> update_product_model(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t id, std::int64_t expected_version,
                                          const ProductModelPatch& patch) {
  auto current = TRY(get_product_model(ex, actor, id));
  if (!access::can(actor.principal, "product.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the product catalogue");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the product model was changed by someone else; reload it and try again");
  }
  ProductModel next = current;
  if (patch.code) next.code = *patch.code;
  if (patch.name_zh) next.name_zh = *patch.name_zh;
  if (patch.name_en) next.name_en = *patch.name_en;
  if (patch.warranty_start) next.warranty_start = *patch.warranty_start;
  if (patch.warranty_months) next.warranty_months = *patch.warranty_months;
  if (patch.parts) next.parts = *patch.parts;
  TRY_VOID(validate_product_model(next));
  const std::string rule = aftersales::format_start_rule(next.warranty_start);
  ChangeSet changes;
  changes.add("code", current.code, next.code);
  changes.add("name_zh", current.name_zh, next.name_zh);
  changes.add("name_en", current.name_en, next.name_en);
  changes.add("warranty_start", aftersales::format_start_rule(current.warranty_start), rule);
  changes.add("warranty_months", std::to_string(current.warranty_months),
              std::to_string(next.warranty_months));
  changes.add("parts", parts_text(current.parts), parts_text(next.parts));
  if (changes.empty()) return current;
  auto updated = ex.exec(
      "UPDATE product_models SET code = $3, name_zh = $4, name_en = $5, warranty_start = $6, "
      "warranty_months = $7, version = version + 1, updated_at = $8 "
      "WHERE id = $1 AND version = $2",
      {id, expected_version, next.code, next.name_zh, next.name_en, rule,
       std::int64_t{next.warranty_months}, format_rfc3339(now)});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) return code_taken("product model");
    return std::move(updated).error();
  }
  if (*updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the product model was changed by someone else; reload it and try again");
  }
  if (patch.parts) TRY_VOID(write_model_parts(ex, id, next.parts));
  TRY_VOID(write_audit(ex, actor, now, "product_model", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "product_model.updated", "product_model", id));
  return get_product_model(ex, actor, id);
}

}  // namespace fuwu::app
