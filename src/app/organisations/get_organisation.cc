#include "app/organisations/organisation.h"

namespace fuwu::app {

Result<Organisation> get_organisation(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "organisation.read")) {
    return Error(ErrorCode::permission_denied, "you may not read organisations");
  }
  auto org = TRY(find_organisation(ex, id));
  if (!org || !organisation_visible(actor, "organisation.read", id)) {
    return Error(ErrorCode::not_found, "no such organisation");
  }
  return *org;
}

}  // namespace fuwu::app
