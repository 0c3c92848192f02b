// Service-quality KPIs (issue 9): what each figure means, its target and its traffic light, and
// how one work order counts towards the figures of a month. Pure; no I/O.
//
// A figure is a tally: numerator and denominator summed over the records of a period and scope
// (the whole network, a service centre, an engineer, a customer's contract). A rate is
// numerator / denominator as a percentage; a mean time is numerator (working seconds) /
// denominator in working hours. Each order contributes to the month (China time, UTC+8) in
// which the event the figure is about happened:
//   on_time         the month its on-site deadline falls in: 1/1 met, 0/1 missed; an order whose
//                   deadline is still ahead (or paused) and not yet met does not count yet;
//   response_time   the month of the first response to the customer: working seconds / 1;
//   repair_time     repair orders, the month repaired: working seconds reported→repaired / 1;
//   first_time_fix  repair orders, the month repaired: 1/1 when it never waited for parts and
//                   was never reopened, else 0/1;
//   repeat_repair   repair orders, the month repaired: 1/1 when another repair order of the same
//                   unit was reported within 30 days after it was repaired, else 0/1;
//   orders          every order, the month reported: 1/1 (the base of the complaint rate).
// Cancelled and declined orders count only as reported orders. Satisfaction comes from the survey
// responses submitted in the month: numerator = the sum of their scores in hundredths of a per
// cent (S = 87.5 % counts 8750), denominator = the responses.
//
// Traffic lights: green when the target is met; amber when it is missed by no more than the
// KPI's amber margin (e.g. on-time 85–90 %); red beyond; none when there is nothing to count.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace fuwu::kpi {

enum class Kpi : std::uint8_t {
  on_time,
  satisfaction,
  complaint_rate,
  repeat_repair,
  first_time_fix,
  response_time,
  repair_time,
};

// What a tally row is about: the KPIs that come from work orders, plus the order count.
enum class Tally : std::uint8_t {
  orders,
  on_time,
  response_time,
  repair_time,
  first_time_fix,
  repeat_repair,
};
std::string_view tally_slug(Tally t);
std::optional<Tally> parse_tally(std::string_view slug);

enum class Better : std::uint8_t { higher, lower };
enum class Unit : std::uint8_t { percent, hours };
enum class Light : std::uint8_t { none, green, amber, red };
std::string_view light_slug(Light l);

struct Definition {
  Kpi kpi;
  std::string_view slug;
  std::string_view name_zh;
  std::string_view name_en;
  std::string_view definition_zh;
  std::string_view definition_en;
  Unit unit;
  Better better;
  double target;  // green: value >= target (higher) or value < target / <= target (lower)
  double amber;   // amber margin beyond the target, in the KPI's unit
  bool strict;    // lower-is-better with a strict bound ("< 3 %")
};

std::span<const Definition> definitions();
const Definition& definition(Kpi k);
std::optional<Kpi> parse_kpi(std::string_view slug);

Light light(const Definition& d, std::optional<double> value);

// A figure from its tally: percent = 100·num/den (satisfaction: num/den/100, see above);
// hours = num/den/3600; none when den is 0.
struct Figure {
  Kpi kpi;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::optional<double> value;
  Light light = Light::none;
};
Figure figure(Kpi k, std::int64_t numerator, std::int64_t denominator);

// "YYYY-MM" of an instant in China time (UTC+8).
std::string month_of(Instant t);
// Parses "YYYY-MM" (months 01–12, years 2000–2999).
std::optional<Date> parse_month(std::string_view text);
// The first instant of the month (China time) and of the next one.
Instant month_start(Date month);
Instant next_month_start(Date month);

// One work order's facts, as kept in work_order_facts.
struct OrderFacts {
  bool repair = true;      // wo_kind repair
  bool cancelled = false;  // cancelled or declined
  std::string reported_month;
  std::optional<std::string> due_month;  // the on-site deadline's month
  std::optional<bool> on_time;           // nullopt: not decided yet
  std::optional<std::string> responded_month;
  std::int64_t response_seconds = 0;
  std::optional<std::string> resolved_month;
  std::int64_t repair_seconds = 0;
  bool waited_for_parts = false;
  bool reopened = false;
  bool came_back = false;
};

struct Contribution {
  Tally tally;
  std::string month;
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
};
std::vector<Contribution> contributions(const OrderFacts& f);

}  // namespace fuwu::kpi
