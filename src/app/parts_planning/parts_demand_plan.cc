#include <algorithm>
#include <map>
#include <set>

#include "app/parts_planning/planning.h"

namespace fuwu::app {
namespace {

// Midnight China time at the start of the date.
Instant china_midnight(Date d) {
  return Instant{days_from_civil(d) * 86400 - 8 * 3600};
}

Date add_months(Date d, int n) {
  const int index = d.year * 12 + (d.month - 1) + n;
  return Date{index / 12, index % 12 + 1, 1};
}

std::string month_text(Date d) {
  return format_date(d).substr(0, 7);
}

}  // namespace

Result<aftersales::DemandPlan> parts_demand_plan(store::Executor& ex, const Actor& actor,
                                                 Date month, int history_months) {
  if (!access::can(actor.principal, "part.read")) {
    return Error(ErrorCode::permission_denied, "you may not read parts");
  }
  if (history_months < 1 || history_months > 24) {
    return Error(ErrorCode::validation_failed, "the history is out of range")
        .with_field("history_months", "out_of_range", "1 to 24 months");
  }
  month.day = 1;
  const Date first = add_months(month, -history_months);
  aftersales::DemandPlan plan;
  plan.month = month_text(month);
  std::vector<Instant> bounds;  // history_months + 1 month starts
  for (int i = 0; i <= history_months; ++i) {
    const Date m = add_months(first, i);
    if (i < history_months) plan.history.push_back(month_text(m));
    bounds.push_back(china_midnight(m));
  }
  std::map<std::int64_t, aftersales::PartDemandInput> parts;
  std::set<std::int64_t> planned;  // with a reorder point or consumption
  for (const auto& r : TRY(ex.query(
           "SELECT p.id, p.number, p.name_zh, p.unit, COALESCE(o.name, ''), p.price_cents, "
           "COALESCE((SELECT SUM(s.quantity) FROM stock_levels s WHERE s.part_id = p.id AND "
           "s.condition = 'good'), 0), COALESCE((SELECT SUM(r.quantity) FROM "
           "stock_reservations r WHERE r.part_id = p.id), 0), COALESCE((SELECT "
           "SUM(rp.min_quantity) FROM reorder_points rp WHERE rp.part_id = p.id), 0), "
           "COALESCE((SELECT MAX(rp.reorder_quantity) FROM reorder_points rp WHERE rp.part_id = "
           "p.id), 0), CASE WHEN EXISTS (SELECT 1 FROM reorder_points rp WHERE rp.part_id = p.id) "
           "THEN 1 ELSE 0 END FROM "
           "parts p LEFT JOIN organisations o ON o.id = p.supplier_id"))) {
    aftersales::PartDemandInput in{.part_id = r.i64(0),
                                   .number = r.text(1),
                                   .name_zh = r.text(2),
                                   .unit = r.text(3),
                                   .supplier = r.text(4),
                                   .price_cents = r.i64(5),
                                   .on_hand = r.i64(6),
                                   .reserved = r.i64(7),
                                   .safety = r.i64(8),
                                   .lot = r.i64(9)};
    in.monthly_consumption.assign(static_cast<std::size_t>(history_months), 0);
    // Parts with a reorder point are planned even without consumption.
    if (r.i64(10) != 0) planned.insert(in.part_id);
    parts.emplace(in.part_id, std::move(in));
  }
  for (const auto& r :
       TRY(ex.query("SELECT part_id, quantity, created_at FROM stock_movements WHERE kind IN "
                    "('consumption', 'issue') AND created_at >= $1 AND created_at < $2",
                    {format_rfc3339(bounds.front()), format_rfc3339(bounds.back())}))) {
    const auto at = parse_rfc3339(r.text(2)).value_or(Instant{});
    auto it = parts.find(r.i64(0));
    if (it == parts.end()) continue;
    for (int i = 0; i < history_months; ++i) {
      if (at >= bounds[static_cast<std::size_t>(i)] &&
          at < bounds[static_cast<std::size_t>(i) + 1]) {
        it->second.monthly_consumption[static_cast<std::size_t>(i)] += r.i64(1);
        planned.insert(it->first);
      }
    }
  }
  for (auto& [id, in] : parts) {
    if (!planned.contains(id)) continue;
    plan.lines.push_back(aftersales::plan_part(in));
    plan.total_cents += plan.lines.back().amount_cents;
  }
  std::sort(plan.lines.begin(), plan.lines.end(),
            [](const auto& a, const auto& b) { return a.input.number < b.input.number; });
  return plan;
}

}  // namespace fuwu::app
