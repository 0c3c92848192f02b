#include "app/products/product.h"

namespace fuwu::app {

Result<ProductModel> get_product_model(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "product.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the product catalogue");
  }
  auto model = TRY(find_product_model(ex, id));
  if (!model) return Error(ErrorCode::not_found, "no such product model");
  return *model;
}

}  // namespace fuwu::app
