#include "app/sites/site.h"

namespace fuwu::app {

Result<Site> get_site(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "site.read")) {
    return Error(ErrorCode::permission_denied, "you may not read sites");
  }
  auto site = TRY(find_site(ex, id));
  if (!site || !site_visible(actor, "site.read", site->organisation_id)) {
    return Error(ErrorCode::not_found, "no such site");
  }
  return *site;
}

}  // namespace fuwu::app
