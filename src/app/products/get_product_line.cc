#include "app/products/product.h"

namespace fuwu::app {

Result<ProductLine> get_product_line(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "product.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the product catalogue");
  }
  auto line = TRY(find_product_line(ex, id));
  if (!line) return Error(ErrorCode::not_found, "no such product line");
  line->models = TRY(models_of_line(ex, id));
  return *line;
}

}  // namespace fuwu::app
