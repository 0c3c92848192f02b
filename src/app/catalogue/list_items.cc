#include "app/catalogue/catalogue.h"

namespace fuwu::app {

Result<std::vector<CatalogueItem>> list_items(store::Executor& ex, const Actor& actor,
                                              const ItemFilter& filter) {
  const bool manager = may_manage_catalogue(actor);
  std::string sql =
      "SELECT i.id FROM catalogue_items i JOIN catalogue_services s ON s.id = i.service_id "
      "WHERE 1 = 1";
  std::vector<store::Value> args;
  if (!(manager && filter.include_inactive)) sql += " AND i.active = 1 AND s.active = 1";
  if (filter.service_id) {
    args.emplace_back(*filter.service_id);
    sql += " AND i.service_id = $" + std::to_string(args.size());
  }
  if (filter.category) {
    args.emplace_back(*filter.category);
    sql += " AND i.category = $" + std::to_string(args.size());
  }
  sql += " ORDER BY i.category, i.code LIMIT 1000";
  auto rows = TRY(ex.query(sql, args));
  std::vector<CatalogueItem> out;
  for (const auto& r : rows) {
    auto item = TRY(find_item(ex, r.i64(0)));
    if (item && (manager || may_request(actor, *item))) out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace fuwu::app
