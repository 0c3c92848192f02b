#include "app/parts/part.h"

namespace fuwu::app {

Result<MovementPage> list_stock_movements(store::Executor& ex, const Actor& actor,
                                          const MovementFilter& f, std::int64_t after_id,
                                          int limit) {
  if (!access::can(actor.principal, "warehouse.read")) {
    return Error(ErrorCode::permission_denied, "you may not read stock movements");
  }
  std::string sql =
      "SELECT id, kind, part_id, quantity, condition, from_warehouse_id, to_warehouse_id, "
      "work_order_id, note, actor_id, created_at FROM stock_movements WHERE id > $1";
  std::vector<store::Value> params{after_id, std::int64_t{limit + 1}};
  auto add = [&](const std::string& cond, store::Value v) {
    params.push_back(std::move(v));
    const std::string n = "$" + std::to_string(params.size());
    std::string c = cond;
    for (auto p = c.find('?'); p != std::string::npos; p = c.find('?'))
      c.replace(p, 1, n);
    sql += " AND " + c;
  };
  if (f.part_id) add("part_id = ?", *f.part_id);
  if (f.warehouse_id) add("(from_warehouse_id = ? OR to_warehouse_id = ?)", *f.warehouse_id);
  if (f.work_order_id) add("work_order_id = ?", *f.work_order_id);
  sql += " ORDER BY id LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  MovementPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    page.items.push_back({r.i64(0), r.text(1), r.i64(2), r.i64(3), r.text(4), r.i64(5), r.i64(6),
                          r.i64(7), r.text(8), r.i64(9),
                          parse_rfc3339(r.text(10)).value_or(Instant{})});
  }
  return page;
}

}  // namespace fuwu::app
