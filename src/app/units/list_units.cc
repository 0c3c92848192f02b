#include "app/units/unit.h"

namespace fuwu::app {

Result<UnitPage> list_units(store::Executor& ex, const Actor& actor, const UnitFilter& f,
                            std::int64_t after_id, int limit) {
  const auto scope = access::scope_for(actor.principal, "unit.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read units");
  std::string sql = "SELECT id, organisation_id FROM units WHERE id > $1";
  std::vector<store::Value> params{after_id, std::int64_t{limit + 1}};
  auto add = [&](const char* column, store::Value v) {
    params.push_back(std::move(v));
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.serial) add("serial", *f.serial);
  if (f.organisation_id) add("organisation_id", *f.organisation_id);
  if (f.model_id) add("model_id", *f.model_id);
  if (f.site_id) add("site_id", *f.site_id);
  if (*scope != access::Scope::all) add("organisation_id", actor.principal.organisation_id);
  sql += " ORDER BY id LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  UnitPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    if (!unit_visible(actor, "unit.read", r.i64(1))) continue;
    auto unit = TRY(find_unit(ex, r.i64(0)));
    page.items.push_back(std::move(*unit));
  }
  return page;
}

}  // namespace fuwu::app
