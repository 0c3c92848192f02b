#include <gtest/gtest.h>

#include "domain/aftersales/geo.h"
#include "domain/aftersales/response.h"

namespace fuwu::aftersales {
namespace {

GeoPoint capital(std::string_view code) {
  const auto* p = province_of(code);
  EXPECT_NE(p, nullptr) << code;
  return {p->lat, p->lon};
}

TEST(Geo, ThirtyOneProvincesWithTheirCapitals) {
  EXPECT_EQ(provinces().size(), 31u);
  EXPECT_EQ(province_of("510603")->capital_zh, "成都市");
  EXPECT_EQ(province_of("61")->name_en, "Shaanxi");
  EXPECT_EQ(province_of("71"), nullptr);
  EXPECT_EQ(province_of("5"), nullptr);
}

// Test vectors of shared/data/SOURCES.md (haversine, R = 6371.0088 km).
TEST(Geo, GreatCircleMatchesTheTestVectors) {
  struct Pair {
    const char* a;
    const char* b;
    double km;
  };
  const Pair pairs[] = {{"11", "12", 108.2},  {"11", "13", 265.6},  {"31", "33", 161.3},
                        {"31", "32", 270.3},  {"50", "51", 268.8},  {"41", "42", 467.8},
                        {"44", "46", 455.0},  {"11", "31", 1068.3}, {"11", "44", 1890.4},
                        {"11", "65", 2411.3}, {"23", "46", 3224.0}};
  for (const auto& p : pairs) {
    EXPECT_NEAR(great_circle_km(capital(p.a), capital(p.b)), p.km, 0.05) << p.a << "-" << p.b;
  }
  EXPECT_EQ(great_circle_km(capital("11"), capital("11")), 0.0);
}

TEST(Geo, LocateSaysWhichPointItUsed) {
  auto own = locate(30.6, 104.0, "510603");
  EXPECT_EQ(own->source, PointSource::coordinates);
  auto city = locate(std::nullopt, std::nullopt, "510104");
  EXPECT_EQ(city->source, PointSource::city);
  EXPECT_EQ(city->place_zh, "成都市");
  auto capital_of = locate(std::nullopt, std::nullopt, "510603");  // 德阳市旌阳区
  EXPECT_EQ(capital_of->source, PointSource::province_capital);
  EXPECT_EQ(capital_of->place_en, "the capital of Sichuan, Chengdu");
  EXPECT_FALSE(locate(std::nullopt, std::nullopt, ""));
  EXPECT_FALSE(locate(30.0, std::nullopt, "710000"));
}

TEST(Response, DistanceTiersOfSeed001) {
  ResponseTerms t;
  ASSERT_TRUE(validate(t).ok());
  auto beijing = *locate(std::nullopt, std::nullopt, "110101");
  auto tianjin = *locate(std::nullopt, std::nullopt, "120101");
  auto shanghai = *locate(std::nullopt, std::nullopt, "310101");
  auto urumqi = *locate(std::nullopt, std::nullopt, "650102");
  auto near = onsite_target(t, beijing, tianjin);
  EXPECT_EQ(near->hours, 24);
  EXPECT_EQ(near->tier, "<=300 km");
  EXPECT_NEAR(near->distance->km, 108.2, 0.05);
  EXPECT_EQ(near->explanation_en,
            "Distance 108.2 km = 108.2 km (centre at Beijing, site at Tianjin), tier <=300 km: on "
            "site within 24 h (calendar time)");
  auto mid = onsite_target(t, beijing, shanghai);
  EXPECT_EQ(mid->hours, 72);  // 1068.3 km is beyond 1000
  EXPECT_EQ(mid->tier, ">1000 km");
  EXPECT_EQ(onsite_target(t, beijing, urumqi)->hours, 72);
  // The road factor moves a pair across a threshold: 268.8 km × 1.2 = 322.5 km.
  auto chongqing = *locate(std::nullopt, std::nullopt, "500101");
  auto chengdu = *locate(std::nullopt, std::nullopt, "510104");
  EXPECT_EQ(onsite_target(t, chongqing, chengdu)->hours, 24);
  t.road_factor = 1.2;
  t.basis = TimeBasis::working;
  auto road = onsite_target(t, chongqing, chengdu);
  EXPECT_EQ(road->hours, 48);
  EXPECT_EQ(road->tier, "<=1000 km");
  EXPECT_NE(road->explanation_zh.find("268.8 km × 1.2 = 322.5 km"), std::string::npos)
      << road->explanation_zh;
  EXPECT_NE(road->explanation_zh.find("工作时间"), std::string::npos);
}

TEST(Response, ExactlyOnTheLimitIsTheNearerTier) {
  ResponseTerms t;
  t.tiers = {{100, 12}, {std::nullopt, 36}};
  Located a{{0, 0}, PointSource::coordinates, "", "", ""};
  // One degree of latitude on this sphere: 111.195 km.
  Located b{{1, 0}, PointSource::coordinates, "", "", ""};
  EXPECT_EQ(onsite_target(t, a, b)->hours, 36);
  t.tiers = {{111.2, 12}, {std::nullopt, 36}};
  EXPECT_EQ(onsite_target(t, a, b)->hours, 12);
}

TEST(Response, RegionsOfSeed004) {
  ResponseTerms t;
  t.rule = TargetRule::region;
  auto centre = *locate(std::nullopt, std::nullopt, "510603");
  auto same_city = onsite_target(t, centre, *locate(std::nullopt, std::nullopt, "510681"));
  EXPECT_EQ(same_city->days, 1);
  EXPECT_EQ(same_city->tier, "same_city");
  EXPECT_EQ(onsite_target(t, centre, *locate(std::nullopt, std::nullopt, "510104"))->days, 3);
  auto remote = onsite_target(t, centre, *locate(std::nullopt, std::nullopt, "650102"));
  EXPECT_EQ(remote->days, 7);
  EXPECT_EQ(remote->explanation_zh, "服务中心 510603，现场 650102：外省，7 天内到场（日历时间）");
  Located nowhere{{0, 0}, PointSource::coordinates, "", "", ""};
  auto bad = onsite_target(t, centre, nowhere);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "site");
}

TEST(Response, TermsAreValidated) {
  ResponseTerms t;
  t.tiers = {{300, 24}, {200, 48}, {std::nullopt, 72}};
  t.road_factor = 0.5;
  t.same_city_days = 0;
  auto s = validate(t);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields)
    fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"road_factor", "tiers/1/max_km", "same_city_days"}));
  t = ResponseTerms{};
  t.tiers = {{300, 24}};
  EXPECT_FALSE(validate(t).ok());
}

}  // namespace
}  // namespace fuwu::aftersales
