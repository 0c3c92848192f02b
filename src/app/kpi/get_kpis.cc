#include <map>

#include "app/kpi/kpi.h"

namespace fuwu::app {

Result<KpiReport> get_kpis(store::Executor& ex, const Actor& actor, Instant now,
                           const KpiQuery& q) {
  const auto checked = TRY(check_kpi_query(ex, actor, now, q));
  KpiReport out;
  out.scope = q.scope;
  out.id = q.scope == "all" ? 0 : q.id;
  out.month = q.month;
  out.name = checked.name;
  out.contract = checked.contract;
  auto rows = TRY(ex.query(
      "SELECT tally, numerator, denominator FROM kpi_tallies WHERE scope = $1 AND scope_id = $2 "
      "AND month = $3",
      {q.scope, out.id, q.month}));
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> tallies;
  for (const auto& r : rows)
    tallies[r.text(0)] = {r.i64(1), r.i64(2)};
  out.orders = tallies["orders"].second;
  // Satisfaction: the survey responses submitted in the month, scores in hundredths of a per cent.
  const auto month = *kpi::parse_month(q.month);
  const std::string column = kpi_scope_column(q.scope);
  auto scores = TRY(ex.query_one(
      "SELECT CAST(COALESCE(SUM(ROUND(score_percent * 100)), 0) AS BIGINT), COUNT(*) FROM "
      "survey_responses WHERE submitted_at >= $1 AND submitted_at < $2 AND " +
          (column.empty() ? std::string("$3 = 0") : column + " = $3"),
      {format_rfc3339(kpi::month_start(month)), format_rfc3339(kpi::next_month_start(month)),
       out.id}));
  if (scores) tallies["satisfaction"] = {scores->i64(0), scores->i64(1)};
  // Complaint rate: attributable complaints received in the month ÷ orders reported in it.
  auto complaints = TRY(ex.query_one("SELECT COUNT(*) " + kpi_complaints_from(q.scope),
                                     {format_rfc3339(kpi::month_start(month)),
                                      format_rfc3339(kpi::next_month_start(month)), out.id}));
  tallies["complaint_rate"] = {complaints ? complaints->i64(0) : 0, out.orders};
  for (const auto& d : kpi::definitions()) {
    KpiFigure f;
    const auto tally = kpi::parse_tally(d.slug);
    f.available =
        tally.has_value() || d.kpi == kpi::Kpi::satisfaction || d.kpi == kpi::Kpi::complaint_rate;
    const auto [num, den] =
        f.available ? tallies[std::string(d.slug)] : std::pair<std::int64_t, std::int64_t>{};
    f.figure = kpi::figure(d.kpi, num, den);
    out.figures.push_back(f);
  }
  return out;
}

}  // namespace fuwu::app
