// Response targets of after-sales work orders: how soon an engineer must be on site, from the
// customer's contract. Pure; no I/O.
//
// Two rules (issue 8):
//   - by distance tier (seed 001 §4.1.1.3): within 300 km on site in 24 h, within 1,000 km in
//     48 h, beyond that 72 h — the distance is great-circle × the contract's road factor;
//   - by region (seed 004 §5.1.6): the same city one day, the same province three days, other
//     provinces seven days — comparing the GB/T 2260 codes of the serving centre and the site.
// Either counts in working time (on the centre's calendar) or calendar time, as the contract says.
// Answering the customer has its own target (24 h, seed 001 §4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/aftersales/geo.h"

namespace fuwu::aftersales {

enum class TargetRule { distance_tier, region };
std::string_view target_rule_name(TargetRule r);
std::optional<TargetRule> parse_target_rule(std::string_view text);

enum class TimeBasis { working, calendar };
std::string_view time_basis_name(TimeBasis b);
std::optional<TimeBasis> parse_time_basis(std::string_view text);

// Up to `max_km` (inclusive) → `hours`; the last tier has no limit.
struct DistanceTier {
  std::optional<double> max_km;
  int hours = 0;
};

enum class RegionRelation { same_city, same_province, other_province };
std::string_view region_relation_name(RegionRelation r);
// Same city: the first four digits agree; same province: the first two.
RegionRelation relate(std::string_view centre_region, std::string_view site_region);

struct ResponseTerms {
  TargetRule rule = TargetRule::distance_tier;
  TimeBasis basis = TimeBasis::calendar;
  double road_factor = 1.0;
  std::vector<DistanceTier> tiers = {{300, 24}, {1000, 48}, {std::nullopt, 72}};
  int same_city_days = 1;
  int same_province_days = 3;
  int other_province_days = 7;
  int answer_hours = 24;  // answer the customer within this (seed 001: 24 h)
};

// Tiers strictly increasing, the last unlimited, hours and days positive, road factor in
// [1, 5]. validation_failed with field errors.
Status validate(const ResponseTerms& t);

struct OnsiteTarget {
  // Either hours (distance tier) or days (region).
  std::int64_t hours = 0;
  std::int64_t days = 0;
  std::string tier;  // "≤300 km", "≤1000 km", ">1000 km", or "same_city" …
  std::optional<Distance> distance;
  std::optional<RegionRelation> relation;
  std::string explanation_zh;
  std::string explanation_en;
};

// The on-site target for a site served from a centre. Distance tiers need both points located
// (validation_failed "site" "not_located" otherwise); regions need both region codes.
Result<OnsiteTarget> onsite_target(const ResponseTerms& terms, const Located& centre,
                                   const Located& site);

}  // namespace fuwu::aftersales
