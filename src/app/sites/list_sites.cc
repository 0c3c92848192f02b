#include "app/sites/site.h"

namespace fuwu::app {

Result<SitePage> list_sites(store::Executor& ex, const Actor& actor, std::int64_t organisation_id,
                            std::int64_t after_id, int limit) {
  if (!access::can(actor.principal, "site.read")) {
    return Error(ErrorCode::permission_denied, "you may not read sites");
  }
  auto org = TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {organisation_id}));
  if (!org || !site_visible(actor, "site.read", organisation_id)) {
    return Error(ErrorCode::not_found, "no such organisation");
  }
  auto rows =
      TRY(ex.query(site_select() + " WHERE organisation_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                   {organisation_id, after_id, std::int64_t{limit + 1}}));
  SitePage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_after_id = page.items.back().id;
      break;
    }
    page.items.push_back(site_from_row(r));
  }
  return page;
}

}  // namespace fuwu::app
