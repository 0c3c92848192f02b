#include "app/platform/record_update.h"
#include "app/products/product.h"
#include "app/service_centres/service_centre.h"
#include "app/sites/site.h"

namespace fuwu::app {

Result<ServiceCentre> update_service_centre(store::Executor& ex, const Actor& actor, Instant now,
                                            std::int64_t id, std::int64_t expected_version,
                                            const ServiceCentrePatch& patch) {
  const auto current = TRY(get_service_centre(ex, actor, id));
  if (!access::can(actor.principal, "service_centre.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the service network");
  }
  if (current.version != expected_version) {
    return changed_by_someone_else("the service centre");
  }
  ServiceCentre next = current;
  if (patch.code) next.code = *patch.code;
  if (patch.name_zh) next.name_zh = *patch.name_zh;
  if (patch.name_en) next.name_en = *patch.name_en;
  if (patch.address) next.address = *patch.address;
  if (patch.region_code) next.region_code = *patch.region_code;
  patch_coordinates(next.latitude, next.longitude, patch.clear_coordinates, patch.latitude,
                    patch.longitude);
  if (patch.territory) next.territory = *patch.territory;
  if (patch.calendar) next.calendar = *patch.calendar;
  TRY_VOID(validate_service_centre(ex, next));
  ChangeSet changes;
  changes.add("code", current.code, next.code);
  changes.add("name_zh", current.name_zh, next.name_zh);
  changes.add("name_en", current.name_en, next.name_en);
  changes.add("address", current.address, next.address);
  changes.add("region_code", current.region_code, next.region_code);
  add_coordinate_changes(changes, current.latitude, current.longitude, next.latitude,
                         next.longitude);
  changes.add("territory", join_list(current.territory), join_list(next.territory));
  changes.add("calendar", current.calendar, next.calendar);
  if (changes.empty()) return current;
  auto updated = ex.exec(
      "UPDATE service_centres SET code = $3, name_zh = $4, name_en = $5, address = $6, "
      "region_code = $7, latitude = $8, longitude = $9, territory = $10, calendar = $11, "
      "version = version + 1, updated_at = $12 WHERE id = $1 AND version = $2",
      {id, expected_version, next.code, next.name_zh, next.name_en, next.address, next.region_code,
       store::opt(next.latitude), store::opt(next.longitude), join_list(next.territory),
       next.calendar, format_rfc3339(now)});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) return code_taken("service centre");
    return std::move(updated).error();
  }
  TRY_VOID(
      finish_update(ex, actor, now, "service_centre", "the service centre", id, *updated, changes));
  auto reloaded = TRY(find_service_centre(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
