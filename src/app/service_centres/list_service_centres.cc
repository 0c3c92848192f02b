#include "app/service_centres/service_centre.h"

namespace fuwu::app {

Result<std::vector<ServiceCentre>> list_service_centres(
    store::Executor& ex, const Actor& actor, const std::optional<std::string>& province) {
  if (!access::can(actor.principal, "service_centre.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the service network");
  }
  if (province) return centres_for_region(ex, *province);
  auto rows = TRY(ex.query("SELECT id FROM service_centres ORDER BY code"));
  std::vector<ServiceCentre> out;
  for (const auto& r : rows) {
    auto c = TRY(find_service_centre(ex, r.i64(0)));
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace fuwu::app
