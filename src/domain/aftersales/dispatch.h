// Automatic dispatch of after-sales work orders (issue 8): which engineer to send, and why. Pure;
// no I/O. The use cases (src/app/dispatch) gather one Candidate per engineer and call rank().
//
// An engineer can be chosen only when they are active, their centre's territory holds the site's
// province, they have the skill (the unit's product line; an order without a product line needs
// none), they are not absent on the day and their working calendar has them working at the
// moment asked for (the appointment or now), and their open load is below the limit. Among those
// who can, the lowest cost wins:
//
//     cost = distance_km + load × km_per_open_order
//
// so one more open order weighs like km_per_open_order more kilometres (default 100). Ties go to
// the lower load, then the shorter distance, then the lower user id — the ranking is total and
// the same input always gives the same choice. An engineer whose distance is unknown (the site or
// centre not located) ranks after every located one (cost = +inf) but can still be chosen.
//
// Every candidate carries the reasons it was not chosen (codes with zh-CN/en labels), so the
// decision can be shown and audited: who was considered, why the winner, why not the others.
// Speed: O(n log n); 1,000 candidates rank in well under a millisecond (bench/dispatch_bench.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fuwu::aftersales {

struct DispatchCandidate {
  std::int64_t engineer_id = 0;
  std::string name;
  std::int64_t service_centre_id = 0;
  bool active = true;
  bool in_territory = true;
  bool has_skill = true;
  bool absent = false;    // an absence covers the day
  bool off_duty = false;  // outside the engineer's working calendar at that moment
  bool busy = false;      // an appointment of theirs overlaps the slot
  std::int64_t load = 0;  // open work orders assigned to them
  std::optional<double> distance_km;
};

struct DispatchRules {
  double km_per_open_order = 100.0;
  std::int64_t max_load = 20;  // at or above this an engineer takes no more
};

// Why a candidate cannot be chosen; stable codes for the API.
enum class Exclusion { inactive, out_of_territory, no_skill, absent, off_duty, busy, overloaded };
std::string_view exclusion_code(Exclusion e);
std::string_view exclusion_zh(Exclusion e);
std::string_view exclusion_en(Exclusion e);

struct RankedCandidate {
  DispatchCandidate candidate;
  std::vector<Exclusion> excluded_because;  // empty: eligible
  double cost = 0;                          // +inf when the distance is unknown
  int rank = 0;                             // 1 = best among the eligible; 0 = not eligible
};

struct DispatchDecision {
  std::vector<RankedCandidate> ranked;  // eligible by rank first, then the excluded by id
  std::optional<std::int64_t> chosen;   // engineer id; nullopt when nobody can go
  std::string explanation_zh;
  std::string explanation_en;
};

DispatchDecision rank_engineers(std::span<const DispatchCandidate> candidates,
                                const DispatchRules& rules = {});

}  // namespace fuwu::aftersales
