#include "app/products/product.h"

namespace fuwu::app {

Result<std::vector<ProductLine>> list_product_lines(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "product.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the product catalogue");
  }
  auto rows = TRY(ex.query("SELECT id FROM product_lines ORDER BY code"));
  std::vector<ProductLine> out;
  for (const auto& r : rows) {
    auto line = TRY(find_product_line(ex, r.i64(0)));
    line->models = TRY(models_of_line(ex, line->id));
    out.push_back(std::move(*line));
  }
  return out;
}

}  // namespace fuwu::app
