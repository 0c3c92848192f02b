#include "app/platform/record_update.h"
#include "app/sites/site.h"

namespace fuwu::app {

Result<Site> update_site(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const SitePatch& patch) {
  auto current = TRY(find_site(ex, id));
  if (!current || !site_visible(actor, "site.read", current->organisation_id)) {
    return Error(ErrorCode::not_found, "no such site");
  }
  if (!site_visible(actor, "site.write", current->organisation_id)) {
    return Error(ErrorCode::permission_denied, "you may not change this site");
  }
  if (current->version != expected_version) {
    return changed_by_someone_else("the site");
  }
  Site next = *current;
  if (patch.name) next.name = *patch.name;
  if (patch.address) next.address = *patch.address;
  if (patch.region_code) next.region_code = *patch.region_code;
  patch_coordinates(next.latitude, next.longitude, patch.clear_coordinates, patch.latitude,
                    patch.longitude);
  TRY_VOID(validate_site(next.name, next.region_code, next.latitude, next.longitude));

  ChangeSet changes;
  changes.add("name", current->name, next.name);
  changes.add("address", current->address, next.address);
  changes.add("region_code", current->region_code, next.region_code);
  add_coordinate_changes(changes, current->latitude, current->longitude, next.latitude,
                         next.longitude);
  if (changes.empty()) return *current;

  auto updated = ex.exec(
      "UPDATE sites SET name = $3, address = $4, region_code = $5, latitude = $6, "
      "longitude = $7, version = version + 1, updated_at = $8 WHERE id = $1 AND version = $2",
      {id, expected_version, next.name, next.address, store::null_if_empty(next.region_code),
       store::opt(next.latitude), store::opt(next.longitude), format_rfc3339(now)});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "the organisation has a site with this name")
          .with_field("name", "taken", "already used by another site of this organisation");
    }
    return std::move(updated).error();
  }
  TRY_VOID(finish_update(ex, actor, now, "site", "the site", id, *updated, changes));
  auto reloaded = TRY(find_site(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
