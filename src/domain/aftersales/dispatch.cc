#include "domain/aftersales/dispatch.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace fuwu::aftersales {
namespace {

struct Label {
  std::string_view code, zh, en;
};

constexpr Label kLabels[] = {
    {"inactive", "工程师已停用", "the engineer is inactive"},
    {"out_of_territory", "现场不在其服务中心的负责区域内",
     "the site is outside their centre's territory"},
    {"no_skill", "不掌握该产品线", "no skill for the product line"},
    {"absent", "当天请假或缺勤", "absent on the day"},
    {"off_duty", "该时间不在其工作时间内", "not working at that time by their calendar"},
    {"busy", "该时段已有其他预约", "another appointment overlaps the slot"},
    {"overloaded", "在办工单已达上限", "open work orders at the limit"},
};

const Label& label(Exclusion e) {
  return kLabels[static_cast<int>(e)];
}

std::string km_text(const std::optional<double>& km) {
  if (!km) return "?";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f km", *km);
  return buf;
}

std::string n(std::size_t v) {
  return std::to_string(v);
}

}  // namespace

std::string_view exclusion_code(Exclusion e) {
  return label(e).code;
}
std::string_view exclusion_zh(Exclusion e) {
  return label(e).zh;
}
std::string_view exclusion_en(Exclusion e) {
  return label(e).en;
}

DispatchDecision rank_engineers(std::span<const DispatchCandidate> candidates,
                                const DispatchRules& rules) {
  DispatchDecision out;
  out.ranked.reserve(candidates.size());
  for (const auto& c : candidates) {
    RankedCandidate r{.candidate = c};
    auto& why = r.excluded_because;
    if (!c.active) why.push_back(Exclusion::inactive);
    if (!c.in_territory) why.push_back(Exclusion::out_of_territory);
    if (!c.has_skill) why.push_back(Exclusion::no_skill);
    if (c.absent) why.push_back(Exclusion::absent);
    if (c.off_duty) why.push_back(Exclusion::off_duty);
    if (c.busy) why.push_back(Exclusion::busy);
    if (c.load >= rules.max_load) why.push_back(Exclusion::overloaded);
    r.cost = c.distance_km ? *c.distance_km + static_cast<double>(c.load) * rules.km_per_open_order
                           : std::numeric_limits<double>::infinity();
    out.ranked.push_back(std::move(r));
  }
  const auto eligible_end =
      std::stable_partition(out.ranked.begin(), out.ranked.end(),
                            [](const RankedCandidate& r) { return r.excluded_because.empty(); });
  std::sort(out.ranked.begin(), eligible_end, [](const auto& a, const auto& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.candidate.load != b.candidate.load) return a.candidate.load < b.candidate.load;
    const double da = a.candidate.distance_km.value_or(std::numeric_limits<double>::infinity());
    const double db = b.candidate.distance_km.value_or(std::numeric_limits<double>::infinity());
    if (da != db) return da < db;
    return a.candidate.engineer_id < b.candidate.engineer_id;
  });
  std::sort(eligible_end, out.ranked.end(), [](const auto& a, const auto& b) {
    return a.candidate.engineer_id < b.candidate.engineer_id;
  });
  int rank = 0;
  for (auto it = out.ranked.begin(); it != eligible_end; ++it)
    it->rank = ++rank;
  const auto excluded = static_cast<std::size_t>(out.ranked.end() - eligible_end);
  const std::string per = km_text(rules.km_per_open_order);
  if (rank == 0) {
    out.explanation_zh = n(out.ranked.size()) + " 名工程师均不符合条件，无法自动派工";
    out.explanation_en = "none of the " + n(out.ranked.size()) +
                         " engineers can go; dispatch by hand or publish to the pool";
    return out;
  }
  const auto& best = out.ranked.front().candidate;
  const std::string load = std::to_string(best.load);
  out.chosen = best.engineer_id;
  out.explanation_zh = "派给 " + best.name + "：" + n(static_cast<std::size_t>(rank)) +
                       " 名符合条件者中综合成本最低（距离 " + km_text(best.distance_km) +
                       "，在办工单 " + load + " 张，每张折算 " + per + "）；另有 " + n(excluded) +
                       " 名不符合条件";
  out.explanation_en = "sent to " + best.name + ": lowest cost of " +
                       n(static_cast<std::size_t>(rank)) + " eligible (distance " +
                       km_text(best.distance_km) + ", " + load + " open orders at " + per +
                       " each); " + n(excluded) + " not eligible";
  return out;
}

}  // namespace fuwu::aftersales
