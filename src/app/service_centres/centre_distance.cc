#include "app/service_centres/service_centre.h"
#include "app/sites/site.h"

namespace fuwu::app {

Result<CentreDistance> centre_distance(store::Executor& ex, const Actor& actor,
                                       std::int64_t centre_id, std::int64_t site_id,
                                       double road_factor) {
  const auto centre = TRY(get_service_centre(ex, actor, centre_id));
  auto site = TRY(find_site(ex, site_id));
  if (!site || !site_visible(actor, "site.read", site->organisation_id)) {
    return Error(ErrorCode::not_found, "no such site");
  }
  if (!(road_factor >= 1.0 && road_factor <= 5.0)) {
    return Error(ErrorCode::validation_failed, "the road factor is out of range")
        .with_field("road_factor", "out_of_range", "1 to 5");
  }
  const auto to = TRY(site_location(ex, site_id));
  return CentreDistance{centre, site_id,
                        aftersales::measure(centre_location(centre), to, road_factor)};
}

}  // namespace fuwu::app
