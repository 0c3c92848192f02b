#include "app/repair_sheets/repair_sheet.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<RepairSheet> get_repair_sheet(store::Executor& ex, const Actor& actor,
                                     std::int64_t work_order_id) {
  TRY_VOID(get_work_order(ex, actor, work_order_id));
  return load_repair_sheet(ex, work_order_id);
}

}  // namespace fuwu::app
