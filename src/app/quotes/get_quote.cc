#include "app/quotes/quote.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<Quote> get_quote(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "quote.read")) {
    return Error(ErrorCode::permission_denied, "you may not read quotes");
  }
  auto q = TRY(find_quote(ex, id));
  // A quote is seen by whoever sees its work order.
  if (!q || !get_work_order(ex, actor, q->work_order_id).ok()) {
    return Error(ErrorCode::not_found, "no such quote");
  }
  return *q;
}

}  // namespace fuwu::app
