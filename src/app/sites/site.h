// Sites of an organisation: where its equipment stands and where engineers go — an address, a
// GB/T 2260 region code and optional coordinates (for response targets by distance). Use cases,
// one per file in this folder, each inside the caller's unit of work.
//
// Visibility follows the site's organisation: "site.read" whose scope reaches the organisation
// (all, or organisation for the principal's own). A site, or an organisation, outside the
// caller's reach is not_found. Changes need "site.write" reaching the organisation.
//
// Rules (validation_failed with field errors): name 1–200 characters, unique within the
// organisation (conflict, "name" "taken"); region_code six digits whose first two are one of
// the 31 provincial-level divisions of the mainland (shared/data/cn-provinces.json); latitude in
// [-90, 90] and longitude in [-180, 180], given together or not at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/audit.h"
#include "app/platform/context.h"

namespace fuwu::app {

struct Site {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string name;
  std::string address;
  std::string region_code;  // "" when unknown
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewSite {
  std::string name;
  std::string address;
  std::string region_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
};

// A partial update: only fields that are set change. region_code "" clears it;
// clear_coordinates removes latitude and longitude together.
struct SitePatch {
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<std::string> region_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  bool clear_coordinates = false;
};

struct SitePage {
  std::vector<Site> items;
  std::optional<std::int64_t> next_after_id;
};

Result<Site> create_site(store::Executor& ex, const Actor& actor, Instant now,
                         std::int64_t organisation_id, const NewSite& input);
Result<Site> get_site(store::Executor& ex, const Actor& actor, std::int64_t id);
// not_found when the organisation is absent or outside the caller's reach.
Result<SitePage> list_sites(store::Executor& ex, const Actor& actor, std::int64_t organisation_id,
                            std::int64_t after_id, int limit);
Result<Site> update_site(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const SitePatch& patch);
Status delete_site(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                   std::int64_t expected_version);

// Shared by the use cases of this folder.
std::string site_select();  // "SELECT <columns> FROM sites"
Site site_from_row(const store::Row& row);
Result<std::optional<Site>> find_site(store::Executor& ex, std::int64_t id);
bool site_visible(const Actor& actor, std::string_view permission, std::int64_t organisation_id);
// True for six digits whose two-digit province prefix is one of the mainland's 31.
bool valid_region_code(std::string_view code);
// A coordinate for the audit journal: the shortest text that reads back as the same double.
std::optional<std::string> coordinate_text(std::optional<double> v);
// A patch's coordinates: both cleared when `clear`, then whichever is given replaces its own.
void patch_coordinates(std::optional<double>& latitude, std::optional<double>& longitude,
                       bool clear, std::optional<double> new_latitude,
                       std::optional<double> new_longitude);
// Changed coordinates for the audit journal.
void add_coordinate_changes(ChangeSet& changes, std::optional<double> old_latitude,
                            std::optional<double> old_longitude, std::optional<double> new_latitude,
                            std::optional<double> new_longitude);
// Field errors for a site's values as they will be stored.
Status validate_site(const std::string& name, const std::string& region_code,
                     std::optional<double> latitude, std::optional<double> longitude);

}  // namespace fuwu::app
