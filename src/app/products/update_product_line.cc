#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/products/product.h"

namespace fuwu::app {

Result<ProductLine> update_product_line(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const ProductLinePatch& patch) {
  auto current = TRY(get_product_line(ex, actor, id));
  if (!access::can(actor.principal, "product.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the product catalogue");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the product line was changed by someone else; reload it and try again");
  }
  ProductLine next = current;
  if (patch.code) next.code = *patch.code;
  if (patch.name_zh) next.name_zh = *patch.name_zh;
  if (patch.name_en) next.name_en = *patch.name_en;
  TRY_VOID(validate_product_line(next.code, next.name_zh));
  ChangeSet changes;
  changes.add("code", current.code, next.code);
  changes.add("name_zh", current.name_zh, next.name_zh);
  changes.add("name_en", current.name_en, next.name_en);
  if (changes.empty()) return current;
  auto updated = ex.exec(
      "UPDATE product_lines SET code = $3, name_zh = $4, name_en = $5, version = version + 1, "
      "updated_at = $6 WHERE id = $1 AND version = $2",
      {id, expected_version, next.code, next.name_zh, next.name_en, format_rfc3339(now)});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) return code_taken("product line");
    return std::move(updated).error();
  }
  if (*updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the product line was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "product_line", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "product_line.updated", "product_line", id));
  return get_product_line(ex, actor, id);
}

}  // namespace fuwu::app
