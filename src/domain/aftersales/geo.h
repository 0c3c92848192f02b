// Where things are, for response targets by distance: great-circle distance between a service
// centre and a customer's site, times a road factor. Pure; no I/O.
//
// A site without coordinates stands at its city's point when its city is its province's capital
// (GB/T 2260: the region code's first four digits are the capital's), otherwise at its province
// capital; every located point says which (PointSource), so a distance can say what it measured.
// The capitals' coordinates come from shared/data/cn-provinces.json:
// Coordinates © GeoNames (geonames.org), CC BY 4.0.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuwu::aftersales {

struct Province {
  std::string_view code;  // two digits, e.g. "51"
  std::string_view name_zh;
  std::string_view name_en;
  std::string_view capital_zh;
  std::string_view capital_en;
  std::string_view capital_city_code;  // four digits, e.g. "5101"
  double lat = 0;
  double lon = 0;
};

const std::vector<Province>& provinces();
// The province of a region code ("510603" → 四川省), or nullptr.
const Province* province_of(std::string_view region_code);

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

// Haversine on a sphere of the mean Earth radius R = 6371.0088 km.
double great_circle_km(GeoPoint a, GeoPoint b);

enum class PointSource {
  coordinates,       // the record's own latitude and longitude
  city,              // its city's point (the city is its province's capital)
  province_capital,  // its province capital's point
};
std::string_view point_source_name(PointSource s);

struct Located {
  GeoPoint point;
  PointSource source = PointSource::coordinates;
  std::string region_code;  // as recorded ("" when unknown)
  std::string place_zh;     // for explanations: "坐标", "成都市", "四川省省会成都市"
  std::string place_en;
};

// The point of a record with optional coordinates and a region code; nullopt when it has neither
// coordinates nor a region code of a known province.
std::optional<Located> locate(std::optional<double> lat, std::optional<double> lon,
                              std::string_view region_code);

struct Distance {
  double great_circle_km = 0;
  double road_factor = 1.0;
  double km = 0;  // great_circle_km × road_factor, what targets are decided by
  Located from;
  Located to;
};

Distance measure(const Located& from, const Located& to, double road_factor);

}  // namespace fuwu::aftersales
