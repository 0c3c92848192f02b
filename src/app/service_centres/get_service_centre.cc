#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<ServiceCentre> get_service_centre(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "service_centre.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the service network");
  }
  auto c = TRY(find_service_centre(ex, id));
  if (!c) return Error(ErrorCode::not_found, "no such service centre");
  return *c;
}

}  // namespace fuwu::app
