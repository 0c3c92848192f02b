#include "app/sites/site.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, organisation_id, name, address, COALESCE(region_code, ''), latitude, longitude, "
    "version, created_at, updated_at";

// The two-digit codes of the 31 provincial-level divisions of the mainland (GB/T 2260), as in
// shared/data/cn-provinces.json.
constexpr std::array<std::string_view, 31> kProvinces = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"};

}  // namespace

std::string site_select() {
  return std::string("SELECT ") + kColumns + " FROM sites";
}

Site site_from_row(const store::Row& r) {
  Site s;
  s.id = r.i64(0);
  s.organisation_id = r.i64(1);
  s.name = r.text(2);
  s.address = r.text(3);
  s.region_code = r.text(4);
  if (!r.is_null(5)) s.latitude = r.f64(5);
  if (!r.is_null(6)) s.longitude = r.f64(6);
  s.version = r.i64(7);
  s.created_at = parse_rfc3339(r.text(8)).value_or(Instant{});
  s.updated_at = parse_rfc3339(r.text(9)).value_or(Instant{});
  return s;
}

Result<std::optional<Site>> find_site(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(site_select() + " WHERE id = $1", {id}));
  if (!row) return std::optional<Site>();
  return std::optional<Site>(site_from_row(*row));
}

bool site_visible(const Actor& actor, std::string_view permission, std::int64_t organisation_id) {
  return access::may(actor.principal, permission, {.organisation_id = organisation_id});
}

bool valid_region_code(std::string_view code) {
  if (code.size() != 6) return false;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return std::find(kProvinces.begin(), kProvinces.end(), code.substr(0, 2)) != kProvinces.end();
}

void patch_coordinates(std::optional<double>& latitude, std::optional<double>& longitude,
                       bool clear, std::optional<double> new_latitude,
                       std::optional<double> new_longitude) {
  if (clear) {
    latitude.reset();
    longitude.reset();
  }
  if (new_latitude) latitude = new_latitude;
  if (new_longitude) longitude = new_longitude;
}

void add_coordinate_changes(ChangeSet& changes, std::optional<double> old_latitude,
                            std::optional<double> old_longitude, std::optional<double> new_latitude,
                            std::optional<double> new_longitude) {
  changes.add("latitude", coordinate_text(old_latitude), coordinate_text(new_latitude));
  changes.add("longitude", coordinate_text(old_longitude), coordinate_text(new_longitude));
}

std::optional<std::string> coordinate_text(std::optional<double> v) {
  if (!v) return std::nullopt;
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, *v).ptr;
  return std::string(buf, end);
}

Status validate_site(const std::string& name, const std::string& region_code,
                     std::optional<double> latitude, std::optional<double> longitude) {
  Error e(ErrorCode::validation_failed, "the site is not valid");
  if (name.empty() || name.size() > 600) {
    e.with_field("name", name.empty() ? "required" : "too_long", "1 to 200 characters");
  }
  if (!region_code.empty() && !valid_region_code(region_code)) {
    e.with_field("region_code", "invalid_format",
                 "six digits (GB/T 2260) starting with a province code, e.g. 310115");
  }
  if (latitude && !(std::isfinite(*latitude) && *latitude >= -90 && *latitude <= 90)) {
    e.with_field("latitude", "out_of_range", "-90 to 90");
  }
  if (longitude && !(std::isfinite(*longitude) && *longitude >= -180 && *longitude <= 180)) {
    e.with_field("longitude", "out_of_range", "-180 to 180");
  }
  if (latitude.has_value() != longitude.has_value()) {
    e.with_field(latitude ? "longitude" : "latitude", "required",
                 "latitude and longitude go together");
  }
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
