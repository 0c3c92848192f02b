#include "domain/aftersales/response.h"

#include <cmath>
#include <cstdio>

namespace fuwu::aftersales {
namespace {

std::string km_text(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", km);
  return buf;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string_view basis_zh(TimeBasis b) {
  return b == TimeBasis::working ? "工作时间" : "日历时间";
}

}  // namespace

std::string_view target_rule_name(TargetRule r) {
  return r == TargetRule::distance_tier ? "distance_tier" : "region";
}

std::optional<TargetRule> parse_target_rule(std::string_view text) {
  if (text == "distance_tier") return TargetRule::distance_tier;
  if (text == "region") return TargetRule::region;
  return std::nullopt;
}

std::string_view time_basis_name(TimeBasis b) {
  return b == TimeBasis::working ? "working" : "calendar";
}

std::optional<TimeBasis> parse_time_basis(std::string_view text) {
  if (text == "working") return TimeBasis::working;
  if (text == "calendar") return TimeBasis::calendar;
  return std::nullopt;
}

std::string_view region_relation_name(RegionRelation r) {
  switch (r) {
    case RegionRelation::same_city:
      return "same_city";
    case RegionRelation::same_province:
      return "same_province";
    case RegionRelation::other_province:
      return "other_province";
  }
  return "";
}

RegionRelation relate(std::string_view centre, std::string_view site) {
  if (centre.size() >= 4 && site.size() >= 4 && centre.substr(0, 4) == site.substr(0, 4)) {
    return RegionRelation::same_city;
  }
  if (centre.size() >= 2 && site.size() >= 2 && centre.substr(0, 2) == site.substr(0, 2)) {
    return RegionRelation::same_province;
  }
  return RegionRelation::other_province;
}

Status validate(const ResponseTerms& t) {
  Error e(ErrorCode::validation_failed, "the response terms are not valid");
  if (!(t.road_factor >= 1.0 && t.road_factor <= 5.0)) {
    e.with_field("road_factor", "out_of_range", "1 to 5");
  }
  if (t.tiers.empty()) e.with_field("tiers", "required", "at least one tier");
  for (std::size_t i = 0; i < t.tiers.size(); ++i) {
    const auto& tier = t.tiers[i];
    const std::string at = "tiers/" + std::to_string(i) + "/";
    const bool last = i + 1 == t.tiers.size();
    if (last && tier.max_km)
      e.with_field(at + "max_km", "not_allowed", "the last tier has no limit");
    if (!last && !tier.max_km)
      e.with_field(at + "max_km", "required", "only the last tier is unlimited");
    if (tier.max_km && (!(*tier.max_km > 0) || (i > 0 && t.tiers[i - 1].max_km &&
                                                *tier.max_km <= *t.tiers[i - 1].max_km))) {
      e.with_field(at + "max_km", "out_of_range", "positive and increasing");
    }
    if (tier.hours <= 0 || tier.hours > 24 * 90)
      e.with_field(at + "hours", "out_of_range", "1 to 2160");
  }
  const std::pair<const char*, int> days[] = {{"same_city_days", t.same_city_days},
                                              {"same_province_days", t.same_province_days},
                                              {"other_province_days", t.other_province_days}};
  for (const auto& [field, v] : days) {
    if (v <= 0 || v > 90) e.with_field(field, "out_of_range", "1 to 90");
  }
  if (t.answer_hours <= 0 || t.answer_hours > 24 * 30) {
    e.with_field("answer_hours", "out_of_range", "1 to 720");
  }
  if (!e.fields.empty()) return e;
  return {};
}

Result<OnsiteTarget> onsite_target(const ResponseTerms& terms, const Located& centre,
                                   const Located& site) {
  OnsiteTarget out;
  const std::string basis_en(time_basis_name(terms.basis));
  if (terms.rule == TargetRule::distance_tier) {
    const Distance d = measure(centre, site, terms.road_factor);
    const DistanceTier* chosen = &terms.tiers.back();
    std::optional<double> previous;
    for (const auto& tier : terms.tiers) {
      if (!tier.max_km || d.km <= *tier.max_km) {
        chosen = &tier;
        break;
      }
      previous = tier.max_km;
    }
    out.hours = chosen->hours;
    out.tier = chosen->max_km ? "<=" + number_text(*chosen->max_km) + " km"
                              : ">" + number_text(previous.value_or(0)) + " km";
    out.distance = d;
    const std::string road = terms.road_factor == 1.0 ? "" : " × " + number_text(terms.road_factor);
    out.explanation_zh = "距离 " + km_text(d.great_circle_km) + " km" + road + " = " +
                         km_text(d.km) + " km（服务中心按" + centre.place_zh + "，现场按" +
                         site.place_zh + "），档位 " + out.tier + "，" + std::to_string(out.hours) +
                         " 小时内到场（" + std::string(basis_zh(terms.basis)) + "）";
    out.explanation_en = "Distance " + km_text(d.great_circle_km) + " km" + road + " = " +
                         km_text(d.km) + " km (centre at " + centre.place_en + ", site at " +
                         site.place_en + "), tier " + out.tier + ": on site within " +
                         std::to_string(out.hours) + " h (" + basis_en + " time)";
    return out;
  }
  if (centre.region_code.size() < 2 || site.region_code.size() < 2) {
    return Error(ErrorCode::validation_failed, "region targets need both region codes")
        .with_field(centre.region_code.size() < 2 ? "service_centre" : "site", "not_located",
                    "a GB/T 2260 region code");
  }
  const RegionRelation rel = relate(centre.region_code, site.region_code);
  out.relation = rel;
  out.tier = std::string(region_relation_name(rel));
  out.days = rel == RegionRelation::same_city       ? terms.same_city_days
             : rel == RegionRelation::same_province ? terms.same_province_days
                                                    : terms.other_province_days;
  const char* rel_zh = rel == RegionRelation::same_city       ? "同城"
                       : rel == RegionRelation::same_province ? "同省"
                                                              : "外省";
  const char* rel_en = rel == RegionRelation::same_city       ? "same city"
                       : rel == RegionRelation::same_province ? "same province"
                                                              : "another province";
  out.explanation_zh = std::string("服务中心 ") + centre.region_code + "，现场 " +
                       site.region_code + "：" + rel_zh + "，" + std::to_string(out.days) +
                       " 天内到场（" + std::string(basis_zh(terms.basis)) + "）";
  out.explanation_en = "Centre " + centre.region_code + ", site " + site.region_code + ": " +
                       rel_en + ", on site within " + std::to_string(out.days) + " day(s) (" +
                       basis_en + " time)";
  return out;
}

}  // namespace fuwu::aftersales
