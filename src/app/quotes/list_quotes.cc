#include "app/quotes/quote.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<std::vector<Quote>> list_quotes(store::Executor& ex, const Actor& actor,
                                       std::int64_t work_order_id) {
  if (!access::can(actor.principal, "quote.read")) {
    return Error(ErrorCode::permission_denied, "you may not read quotes");
  }
  TRY_VOID(get_work_order(ex, actor, work_order_id));
  auto rows =
      TRY(ex.query("SELECT id FROM quotes WHERE work_order_id = $1 ORDER BY id", {work_order_id}));
  std::vector<Quote> out;
  for (const auto& r : rows)
    out.push_back(*TRY(find_quote(ex, r.i64(0))));
  return out;
}

}  // namespace fuwu::app
