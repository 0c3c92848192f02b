#include <gtest/gtest.h>

#include <algorithm>

#include "domain/aftersales/dispatch.h"

namespace fuwu::aftersales {
namespace {

DispatchCandidate eng(std::int64_t id, double km, std::int64_t load = 0) {
  return {.engineer_id = id, .name = "e" + std::to_string(id), .load = load, .distance_km = km};
}

TEST(Dispatch, NearestWithoutLoadWins) {
  const std::vector<DispatchCandidate> c = {eng(1, 300), eng(2, 50), eng(3, 120)};
  const auto d = rank_engineers(c);
  ASSERT_TRUE(d.chosen);
  EXPECT_EQ(*d.chosen, 2);
  EXPECT_EQ(d.ranked[0].rank, 1);
  EXPECT_EQ(d.ranked[1].candidate.engineer_id, 3);
  EXPECT_EQ(d.ranked[2].rank, 3);
  EXPECT_NE(d.explanation_zh.find("e2"), std::string::npos);
  EXPECT_NE(d.explanation_en.find("50 km"), std::string::npos) << d.explanation_en;
}

TEST(Dispatch, LoadWeighsLikeDistance) {
  // 50 km with 3 open orders costs 350; 200 km with none costs 200.
  const std::vector<DispatchCandidate> c = {eng(1, 50, 3), eng(2, 200, 0)};
  EXPECT_EQ(*rank_engineers(c).chosen, 2);
  EXPECT_EQ(*rank_engineers(c, {.km_per_open_order = 10}).chosen, 1);
}

TEST(Dispatch, TiesGoToLowerLoadThenShorterDistanceThenLowerId) {
  const std::vector<DispatchCandidate> c = {eng(5, 200, 0), eng(4, 100, 1), eng(3, 100, 1)};
  const auto d = rank_engineers(c);
  EXPECT_EQ(*d.chosen, 5);  // cost 200 each: lower load first
  EXPECT_EQ(d.ranked[1].candidate.engineer_id, 3);
  EXPECT_EQ(d.ranked[2].candidate.engineer_id, 4);
}

TEST(Dispatch, ExcludedCandidatesSayWhy) {
  std::vector<DispatchCandidate> c = {eng(1, 10), eng(2, 20), eng(3, 30),     eng(4, 40),
                                      eng(5, 50), eng(6, 60), eng(7, 70, 20), eng(8, 500)};
  c[0].absent = true;
  c[1].has_skill = false;
  c[1].in_territory = false;
  c[2].off_duty = true;
  c[3].busy = true;
  c[4].active = false;
  const auto d = rank_engineers(c);
  EXPECT_EQ(*d.chosen, 6);
  EXPECT_EQ(d.ranked[0].candidate.engineer_id, 6);
  EXPECT_EQ(d.ranked[1].candidate.engineer_id, 8);
  auto find = [&](std::int64_t id) {
    return *std::find_if(d.ranked.begin(), d.ranked.end(),
                         [&](const auto& r) { return r.candidate.engineer_id == id; });
  };
  EXPECT_EQ(find(1).excluded_because, std::vector{Exclusion::absent});
  EXPECT_EQ(find(2).excluded_because,
            (std::vector{Exclusion::out_of_territory, Exclusion::no_skill}));
  EXPECT_EQ(find(3).excluded_because, std::vector{Exclusion::off_duty});
  EXPECT_EQ(find(4).excluded_because, std::vector{Exclusion::busy});
  EXPECT_EQ(find(5).excluded_because, std::vector{Exclusion::inactive});
  EXPECT_EQ(find(7).excluded_because, std::vector{Exclusion::overloaded});
  EXPECT_EQ(find(1).rank, 0);
  EXPECT_EQ(exclusion_code(Exclusion::no_skill), "no_skill");
  EXPECT_EQ(exclusion_zh(Exclusion::absent), "当天请假或缺勤");
  EXPECT_NE(d.explanation_en.find("6 not eligible"), std::string::npos) << d.explanation_en;
}

TEST(Dispatch, UnknownDistanceRanksLastButCanWin) {
  DispatchCandidate far = eng(1, 0);
  far.distance_km.reset();
  std::vector<DispatchCandidate> c = {far, eng(2, 900)};
  EXPECT_EQ(*rank_engineers(c).chosen, 2);
  c.pop_back();
  EXPECT_EQ(*rank_engineers(c).chosen, 1);
}

TEST(Dispatch, NobodyEligibleMeansNoChoice) {
  std::vector<DispatchCandidate> c = {eng(1, 10)};
  c[0].absent = true;
  const auto d = rank_engineers(c);
  EXPECT_FALSE(d.chosen);
  EXPECT_NE(d.explanation_en.find("none of the 1"), std::string::npos);
  EXPECT_FALSE(rank_engineers({}).chosen);
}

}  // namespace
}  // namespace fuwu::aftersales
