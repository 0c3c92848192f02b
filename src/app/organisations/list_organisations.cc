#include "app/organisations/organisation.h"
#include "store/like.h"

namespace fuwu::app {

Result<OrganisationPage> list_organisations(store::Executor& ex, const Actor& actor,
                                            std::int64_t after_id, int limit,
                                            std::optional<std::string> kind,
                                            std::optional<std::string> query) {
  const auto scope = access::scope_for(actor.principal, "organisation.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read organisations");
  std::string sql = organisation_select() + " WHERE id > $1";
  std::vector<store::Value> params{after_id, std::int64_t{limit + 1}};
  if (*scope != access::Scope::all) {
    sql += " AND id = $" + std::to_string(params.size() + 1);
    params.emplace_back(actor.principal.organisation_id);
  }
  if (kind) {
    sql += " AND kind = $" + std::to_string(params.size() + 1);
    params.emplace_back(*kind);
  }
  if (query && !query->empty()) {
    const std::string p = "$" + std::to_string(params.size() + 1);
    params.emplace_back(store::contains_pattern(*query));
    sql += " AND (lower(name) LIKE lower(" + p +
           ") ESCAPE '\\' OR lower(COALESCE(code, '')) LIKE lower(" + p + ") ESCAPE '\\')";
  }
  sql += " ORDER BY id LIMIT $2";
  auto rows = TRY(ex.query(sql, params));
  OrganisationPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    page.items.push_back(organisation_from_row(r));
  }
  return page;
}

}  // namespace fuwu::app
