// The after-sales service network (issue 8): service centres (维修网点 / 服务中心) with an address,
// a GB/T 2260 region code, optional coordinates, a territory of province codes and a working
// calendar; and their field engineers (users) with skills per product line. Use cases, one per
// file in this folder, each inside the caller's unit of work.
//
// Access: "service_centre.read" to read (agents, engineers), "service_centre.write" to change.
// Rules (validation_failed with field errors): code as product codes (unique: conflict "code"
// "taken"); name_zh 1–200 characters; region_code six digits of a mainland province (required:
// a centre without coordinates stands at its city or province capital); latitude and longitude
// together and in range; territory two-digit province codes, each once; calendar an existing
// calendar's slug. An engineer is an existing, enabled user; skills are existing product line
// codes, each once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/aftersales/geo.h"

namespace fuwu::app {

struct Engineer {
  std::int64_t user_id = 0;
  std::string login;
  std::string display_name;
  std::int64_t service_centre_id = 0;
  std::vector<std::string> skills;  // product line codes
  bool active = true;
};

struct ServiceCentre {
  std::int64_t id = 0;
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string address;
  std::string region_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::vector<std::string> territory;  // province codes
  std::string calendar;                // calendar slug
  std::vector<Engineer> engineers;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewServiceCentre {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::string address;
  std::string region_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::vector<std::string> territory;
  std::string calendar = "china-mainland";
};

struct ServiceCentrePatch {
  std::optional<std::string> code;
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
  std::optional<std::string> address;
  std::optional<std::string> region_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  bool clear_coordinates = false;
  std::optional<std::vector<std::string>> territory;
  std::optional<std::string> calendar;
};

struct EngineerInput {
  std::vector<std::string> skills;
  bool active = true;
};

// How far a site is from a centre, and which points were used.
struct CentreDistance {
  ServiceCentre centre;
  std::int64_t site_id = 0;
  aftersales::Distance distance;
};

Result<ServiceCentre> create_service_centre(store::Executor& ex, const Actor& actor, Instant now,
                                            const NewServiceCentre& input);
Result<ServiceCentre> get_service_centre(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<std::vector<ServiceCentre>> list_service_centres(store::Executor& ex, const Actor& actor,
                                                        const std::optional<std::string>& province);
Result<ServiceCentre> update_service_centre(store::Executor& ex, const Actor& actor, Instant now,
                                            std::int64_t id, std::int64_t expected_version,
                                            const ServiceCentrePatch& patch);
// Adds the user as an engineer of the centre, or changes their skills (moving them from another
// centre if needed). Audited on the centre.
Result<ServiceCentre> set_engineer(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t centre_id, std::int64_t user_id,
                                   const EngineerInput& input);
Result<ServiceCentre> remove_engineer(store::Executor& ex, const Actor& actor, Instant now,
                                      std::int64_t centre_id, std::int64_t user_id);
Result<CentreDistance> centre_distance(store::Executor& ex, const Actor& actor,
                                       std::int64_t centre_id, std::int64_t site_id,
                                       double road_factor);

// Shared with work orders.
Result<std::optional<ServiceCentre>> find_service_centre(store::Executor& ex, std::int64_t id);
// The centres whose territory holds the province of `region_code`, by code, with their engineers.
Result<std::vector<ServiceCentre>> centres_for_region(store::Executor& ex,
                                                      std::string_view region_code);
// The first of them by code, without engineers: the centre a new work order is served by.
Result<std::optional<ServiceCentre>> serving_centre(store::Executor& ex,
                                                    std::string_view region_code);
Result<std::optional<Engineer>> find_engineer(store::Executor& ex, std::int64_t user_id);
aftersales::Located centre_location(const ServiceCentre& c);
// The site's location (own coordinates, else its city or province capital); validation_failed
// "site_id" "not_located" when it has neither.
Result<aftersales::Located> site_location(store::Executor& ex, std::int64_t site_id);
Status validate_service_centre(store::Executor& ex, const ServiceCentre& c);
std::vector<std::string> split_list(std::string_view text);
std::string join_list(const std::vector<std::string>& items);

}  // namespace fuwu::app
