#include "app/service_centres/service_centre.h"

#include <algorithm>
#include <cstdint>

#include "app/calendar/calendars.h"
#include "app/products/product.h"
#include "app/sites/site.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, code, name_zh, name_en, address, region_code, latitude, longitude, territory, calendar, "
    "version, created_at, updated_at";

ServiceCentre centre_from_row(const store::Row& r) {
  ServiceCentre c;
  c.id = r.i64(0);
  c.code = r.text(1);
  c.name_zh = r.text(2);
  c.name_en = r.text(3);
  c.address = r.text(4);
  c.region_code = r.text(5);
  if (!r.is_null(6)) c.latitude = r.f64(6);
  if (!r.is_null(7)) c.longitude = r.f64(7);
  c.territory = split_list(r.text(8));
  c.calendar = r.text(9);
  c.version = r.i64(10);
  c.created_at = parse_rfc3339(r.text(11)).value_or(Instant{});
  c.updated_at = parse_rfc3339(r.text(12)).value_or(Instant{});
  return c;
}

Engineer engineer_from_row(const store::Row& r) {
  return {r.i64(0), r.text(1), r.text(2), r.i64(3), split_list(r.text(4)), r.i64(5) != 0};
}

constexpr const char* kEngineerSelect =
    "SELECT e.user_id, u.login, u.display_name, e.service_centre_id, e.skills, e.active "
    "FROM engineers e JOIN users u ON u.id = e.user_id";

Status load_engineers(store::Executor& ex, ServiceCentre& c) {
  auto rows = TRY(ex.query(
      std::string(kEngineerSelect) + " WHERE e.service_centre_id = $1 ORDER BY e.user_id", {c.id}));
  for (const auto& r : rows)
    c.engineers.push_back(engineer_from_row(r));
  return {};
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ',';
    out += i;
  }
  return out;
}

Result<std::optional<ServiceCentre>> find_service_centre(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kColumns + " FROM service_centres WHERE id = $1", {id}));
  if (!row) return std::optional<ServiceCentre>();
  auto c = centre_from_row(*row);
  TRY_VOID(load_engineers(ex, c));
  return std::optional<ServiceCentre>(std::move(c));
}

namespace {

// The centres whose territory holds the province of `region_code`, by code; at most `limit`.
Result<store::Rows> territory_rows(store::Executor& ex, std::string_view region_code,
                                   std::int64_t limit) {
  if (region_code.size() < 2) return store::Rows{};
  // A substring test rather than LIKE '%,51,%' (SQLite's LIKE costs three times as much here).
  const char* where = ex.dialect() == store::DialectKind::sqlite
                          ? " FROM service_centres WHERE instr(',' || territory || ',', $1) > 0 "
                          : " FROM service_centres WHERE strpos(',' || territory || ',', $1) > 0 ";
  return ex.query(std::string("SELECT ") + kColumns + where + "ORDER BY code LIMIT $2",
                  {"," + std::string(region_code.substr(0, 2)) + ",", limit});
}

}  // namespace

Result<std::vector<ServiceCentre>> centres_for_region(store::Executor& ex,
                                                      std::string_view region_code) {
  std::vector<ServiceCentre> out;
  const auto rows = TRY(territory_rows(ex, region_code, INT64_MAX));
  for (const auto& r : rows) {
    out.push_back(centre_from_row(r));
    TRY_VOID(load_engineers(ex, out.back()));
  }
  return out;
}

Result<std::optional<ServiceCentre>> serving_centre(store::Executor& ex,
                                                    std::string_view region_code) {
  auto rows = TRY(territory_rows(ex, region_code, 1));
  if (rows.empty()) return std::optional<ServiceCentre>();
  return std::optional<ServiceCentre>(centre_from_row(rows.front()));
}

Result<std::optional<Engineer>> find_engineer(store::Executor& ex, std::int64_t user_id) {
  auto row = TRY(ex.query_one(std::string(kEngineerSelect) + " WHERE e.user_id = $1", {user_id}));
  if (!row) return std::optional<Engineer>();
  return std::optional<Engineer>(engineer_from_row(*row));
}

aftersales::Located centre_location(const ServiceCentre& c) {
  // Validation guarantees a located centre (coordinates or a known province).
  return aftersales::locate(c.latitude, c.longitude, c.region_code).value_or(aftersales::Located{});
}

Result<aftersales::Located> site_location(store::Executor& ex, std::int64_t site_id) {
  auto site = TRY(find_site(ex, site_id));
  if (!site) {
    return Error(ErrorCode::validation_failed, "no such site")
        .with_field("site_id", "not_found", "no such site");
  }
  auto located = aftersales::locate(site->latitude, site->longitude, site->region_code);
  if (!located) {
    return Error(ErrorCode::validation_failed, "the site has neither coordinates nor region code")
        .with_field("site_id", "not_located", "give the site coordinates or a region code");
  }
  return *located;
}

Status validate_service_centre(store::Executor& ex, const ServiceCentre& c) {
  // The site rules for region code and coordinates (the name is checked below).
  TRY_VOID(validate_site("-", c.region_code, c.latitude, c.longitude));
  Error e(ErrorCode::validation_failed, "the service centre is not valid");
  if (c.name_zh.empty()) e.with_field("name_zh", "required", "the Chinese name");
  if (!valid_code(c.code)) {
    e.with_field("code", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
  }
  if (c.region_code.empty()) {
    e.with_field("region_code", "required", "six digits (GB/T 2260), e.g. 510603");
  }
  for (std::size_t i = 0; i < c.territory.size(); ++i) {
    const auto& p = c.territory[i];
    const std::string at = "territory/" + std::to_string(i);
    if (p.size() != 2 || aftersales::province_of(p) == nullptr) {
      e.with_field(at, "not_allowed", "a two-digit province code, e.g. 51");
    } else if (std::find(c.territory.begin(), c.territory.begin() + static_cast<std::ptrdiff_t>(i),
                         p) != c.territory.begin() + static_cast<std::ptrdiff_t>(i)) {
      e.with_field(at, "duplicate", "each province at most once");
    }
  }
  auto cal = TRY(find_calendar(ex, c.calendar));
  if (!cal) e.with_field("calendar", "not_found", "the slug of an existing calendar");
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
