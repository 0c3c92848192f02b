#include "domain/aftersales/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace fuwu::aftersales {

const Province* province_of(std::string_view region_code) {
  if (region_code.size() < 2) return nullptr;
  for (const auto& p : provinces()) {
    if (p.code == region_code.substr(0, 2)) return &p;
  }
  return nullptr;
}

double great_circle_km(GeoPoint a, GeoPoint b) {
  constexpr double kRadiusKm = 6371.0088;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string_view point_source_name(PointSource s) {
  switch (s) {
    case PointSource::coordinates:
      return "coordinates";
    case PointSource::city:
      return "city";
    case PointSource::province_capital:
      return "province_capital";
  }
  return "";
}

std::optional<Located> locate(std::optional<double> lat, std::optional<double> lon,
                              std::string_view region_code) {
  Located l;
  l.region_code = std::string(region_code);
  if (lat && lon) {
    l.point = {*lat, *lon};
    l.source = PointSource::coordinates;
    l.place_zh = "坐标";
    l.place_en = "its coordinates";
    return l;
  }
  const Province* p = province_of(region_code);
  if (p == nullptr) return std::nullopt;
  l.point = {p->lat, p->lon};
  if (region_code.size() >= 4 && region_code.substr(0, 4) == p->capital_city_code) {
    l.source = PointSource::city;
    l.place_zh = std::string(p->capital_zh);
    l.place_en = std::string(p->capital_en);
  } else {
    l.source = PointSource::province_capital;
    l.place_zh = std::string(p->name_zh) + "省会" + std::string(p->capital_zh);
    l.place_en = "the capital of " + std::string(p->name_en) + ", " + std::string(p->capital_en);
  }
  return l;
}

Distance measure(const Located& from, const Located& to, double road_factor) {
  Distance d;
  d.from = from;
  d.to = to;
  d.great_circle_km = great_circle_km(from.point, to.point);
  d.road_factor = road_factor;
  d.km = d.great_circle_km * road_factor;
  return d;
}

}  // namespace fuwu::aftersales
