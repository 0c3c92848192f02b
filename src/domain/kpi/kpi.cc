#include "domain/kpi/kpi.h"

#include <array>
#include <cstdio>

namespace fuwu::kpi {
namespace {

constexpr std::array<std::string_view, 6> kTallySlugs = {
    "orders", "on_time", "response_time", "repair_time", "first_time_fix", "repeat_repair"};

constexpr std::array<Definition, 7> kDefinitions = {{
    {Kpi::on_time, "on_time", "服务及时率", "On-time service rate",
     "到场期限落在本月的工单中，在响应/"
     "到场目标内到场（或远程解决）的比例；期限未到且尚未到场的工单暂不计入。",
     "Of the work orders whose on-site deadline falls in the month, the share that met their "
     "response/arrival target (arrived, or resolved remotely, by the deadline); an order whose "
     "deadline is still ahead and not yet met does not count yet.",
     Unit::percent, Better::higher, 90.0, 5.0, false},
    {Kpi::satisfaction, "satisfaction", "顾客满意度", "Customer satisfaction",
     "本月提交的满意度调查答卷的平均得分 S = Σλ·s（百分制）。",
     "The mean score S = Σλ·s (as a percentage) of the satisfaction survey responses submitted "
     "in the month.",
     Unit::percent, Better::higher, 85.0, 5.0, false},
    {Kpi::complaint_rate, "complaint_rate", "投诉率", "Complaint rate",
     "本月受理的、可归因于服务的投诉数 ÷ 本月报修的工单数。",
     "Complaints received in the month that are attributable to the service ÷ work orders "
     "reported in the month.",
     Unit::percent, Better::lower, 3.0, 2.0, true},
    {Kpi::repeat_repair, "repeat_repair", "返修率", "Repeat-repair rate",
     "本月修复的维修工单中，同一机器在修复后 30 天内再次报修的比例（近 30 "
     "天修复的工单仍可能变化）。",
     "Of the repair orders repaired in the month, the share whose unit was reported for repair "
     "again within 30 days after the repair (recent months may still grow).",
     Unit::percent, Better::lower, 5.0, 3.0, false},
    {Kpi::first_time_fix, "first_time_fix", "一次修复率", "First-time fix rate",
     "本月修复的维修工单中，未待料、未重新打开即修复的比例。",
     "Of the repair orders repaired in the month, the share fixed without waiting for parts and "
     "without being reopened.",
     Unit::percent, Better::higher, 80.0, 10.0, false},
    {Kpi::response_time, "response_time", "平均响应时间", "Mean time to respond",
     "本月首次答复客户的工单，从报修到首次答复的平均工作时间（按工单日历，小时）。",
     "For the work orders first answered in the month, the mean working time from the report to "
     "the first answer to the customer, on the order's calendar, in hours.",
     Unit::hours, Better::lower, 8.0, 4.0, false},
    {Kpi::repair_time, "repair_time", "平均修复时间", "Mean time to repair",
     "本月修复的维修工单，从报修到修复的平均工作时间（按工单日历，小时）。",
     "For the repair orders repaired in the month, the mean working time from the report to the "
     "repair, on the order's calendar, in hours.",
     Unit::hours, Better::lower, 24.0, 8.0, false},
}};

}  // namespace

std::string_view tally_slug(Tally t) {
  return kTallySlugs.at(static_cast<std::size_t>(t));
}

std::optional<Tally> parse_tally(std::string_view slug) {
  for (std::size_t i = 0; i < kTallySlugs.size(); ++i) {
    if (kTallySlugs[i] == slug) return static_cast<Tally>(i);
  }
  return std::nullopt;
}

std::string_view light_slug(Light l) {
  switch (l) {
    case Light::green:
      return "green";
    case Light::amber:
      return "amber";
    case Light::red:
      return "red";
    case Light::none:
      break;
  }
  return "none";
}

std::span<const Definition> definitions() {
  return kDefinitions;
}

const Definition& definition(Kpi k) {
  return kDefinitions.at(static_cast<std::size_t>(k));
}

std::optional<Kpi> parse_kpi(std::string_view slug) {
  for (const auto& d : kDefinitions) {
    if (d.slug == slug) return d.kpi;
  }
  return std::nullopt;
}

Light light(const Definition& d, std::optional<double> value) {
  if (!value) return Light::none;
  const double v = *value;
  if (d.better == Better::higher) {
    if (v >= d.target) return Light::green;
    return v >= d.target - d.amber ? Light::amber : Light::red;
  }
  if (d.strict ? v < d.target : v <= d.target) return Light::green;
  return (d.strict ? v < d.target + d.amber : v <= d.target + d.amber) ? Light::amber : Light::red;
}

Figure figure(Kpi k, std::int64_t numerator, std::int64_t denominator) {
  Figure f{k, numerator, denominator, std::nullopt, Light::none};
  const auto& d = definition(k);
  if (denominator > 0) {
    const double ratio = static_cast<double>(numerator) / static_cast<double>(denominator);
    f.value = k == Kpi::satisfaction    ? ratio / 100.0
              : d.unit == Unit::percent ? ratio * 100.0
                                        : ratio / 3600.0;
  }
  f.light = light(d, f.value);
  return f;
}

std::string month_of(Instant t) {
  const Date d = civil_from_days((t.unix_seconds + 8 * 3600) / 86400);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

std::optional<Date> parse_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    (i < 4 ? y : m) = (i < 4 ? y : m) * 10 + (s[i] - '0');
  }
  if (y < 2000 || y > 2999 || m < 1 || m > 12) return std::nullopt;
  return Date{y, m, 1};
}

Instant month_start(Date month) {
  month.day = 1;
  return Instant::from_unix(days_from_civil(month) * 86400 - 8 * 3600);
}

Instant next_month_start(Date month) {
  Date next = month;
  next.day = 1;
  if (++next.month > 12) {
    next.month = 1;
    ++next.year;
  }
  return month_start(next);
}

std::vector<Contribution> contributions(const OrderFacts& f) {
  std::vector<Contribution> out;
  out.push_back({Tally::orders, f.reported_month, 1, 1});
  if (f.cancelled) return out;
  if (f.due_month && f.on_time)
    out.push_back({Tally::on_time, *f.due_month, *f.on_time ? 1 : 0, 1});
  if (f.responded_month) {
    out.push_back({Tally::response_time, *f.responded_month, f.response_seconds, 1});
  }
  if (f.repair && f.resolved_month) {
    const auto& m = *f.resolved_month;
    out.push_back({Tally::repair_time, m, f.repair_seconds, 1});
    out.push_back({Tally::first_time_fix, m, (f.waited_for_parts || f.reopened) ? 0 : 1, 1});
    out.push_back({Tally::repeat_repair, m, f.came_back ? 1 : 0, 1});
  }
  return out;
}

}  // namespace fuwu::kpi
