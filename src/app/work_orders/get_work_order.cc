#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<WorkOrder> get_work_order(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "work_order.read")) {
    return Error(ErrorCode::permission_denied, "you may not read work orders");
  }
  auto w = TRY(find_work_order(ex, id));
  if (!w || !access::may(actor.principal, "work_order.read", work_order_ownership(w->ticket))) {
    return Error(ErrorCode::not_found, "no such work order");
  }
  return *w;
}

}  // namespace fuwu::app
