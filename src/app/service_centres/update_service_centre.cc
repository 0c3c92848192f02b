#include "app/platform/audit.h"
#include "app/platform/outbox.h"
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
    return Error(ErrorCode::precondition_failed,
                 "the service centre was changed by someone else; reload it and try again");
  }
  ServiceCentre next = current;
  if (patch.code) next.code = *patch.code;
  if (patch.name_zh) next.name_zh = *patch.name_zh;
  if (patch.name_en) next.name_en = *patch.name_en;
  if (patch.address) next.address = *patch.address;
  if (patch.region_code) next.region_code = *patch.region_code;
  if (patch.clear_coordinates) {
    next.latitude.reset();
    next.longitude.reset();
  }
  if (patch.latitude) next.latitude = patch.latitude;
  if (patch.longitude) next.longitude = patch.longitude;
  if (patch.territory) next.territory = *patch.territory;
  if (patch.calendar) next.calendar = *patch.calendar;
  TRY_VOID(validate_service_centre(ex, next));
  ChangeSet changes;
  changes.add("code", current.code, next.code);
  changes.add("name_zh", current.name_zh, next.name_zh);
  changes.add("name_en", current.name_en, next.name_en);
  changes.add("address", current.address, next.address);
  changes.add("region_code", current.region_code, next.region_code);
  changes.add("latitude", coordinate_text(current.latitude), coordinate_text(next.latitude));
  changes.add("longitude", coordinate_text(current.longitude), coordinate_text(next.longitude));
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
  if (*updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the service centre was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "service_centre", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "service_centre.updated", "service_centre", id));
  auto reloaded = TRY(find_service_centre(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
