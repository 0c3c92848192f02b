#include "app/kpi/kpi.h"
#include "app/statistics/statistics.h"
#include "domain/kpi/kpi.h"

namespace fuwu::app {
namespace {

constexpr const char* kFigures =
    "orders, repaired, cancelled, in_warranty, parts_cost_cents, fees_cents";

StatFigures figures_at(const store::Row& r, std::size_t i) {
  return {r.i64(i), r.i64(i + 1), r.i64(i + 2), r.i64(i + 3), r.i64(i + 4), r.i64(i + 5)};
}

// The month's rows of one grouping of statistics_tallies (kept on write by app/kpi), with labels
// from `labels` (expressions over g.k, the key id, giving code, label_zh, label_en), most orders
// first, at most `limit`.
Result<std::vector<StatRow>> grouped(store::Executor& ex, const std::string& month,
                                     const char* dimension, const std::string& labels,
                                     int limit = 500) {
  auto rows = TRY(ex.query(
      "SELECT g.k, " + labels + ", g.orders, g.repaired, g.cancelled, g.in_warranty, " +
          "g.parts_cost_cents, g.fees_cents FROM (SELECT key_id AS k, key_text, " + kFigures +
          " FROM statistics_tallies WHERE month = $1 AND dimension = $2 AND orders <> 0) g "
          "ORDER BY g.orders DESC, g.k, g.key_text LIMIT $3",
      {month, std::string(dimension), std::int64_t{limit}}));
  std::vector<StatRow> out;
  for (const auto& r : rows) {
    out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), figures_at(r, 4)});
  }
  return out;
}

}  // namespace

Status check_statistics_month(const std::string& month, Instant now) {
  const auto m = kpi::parse_month(month);
  if (!m) {
    return Error(ErrorCode::validation_failed, "the month is not valid")
        .with_field("month", month.empty() ? "required" : "invalid_format", "YYYY-MM");
  }
  if (kpi::month_start(*m) > now) {
    return Error(ErrorCode::validation_failed, "the month has not begun")
        .with_field("month", "out_of_range", "this month or an earlier one");
  }
  return {};
}

Result<MonthlyStatistics> load_monthly_statistics(store::Executor& ex, const std::string& month) {
  MonthlyStatistics out;
  out.month = month;
  auto totals = TRY(ex.query_one(std::string("SELECT ") + kFigures +
                                     " FROM statistics_tallies WHERE month = $1 AND dimension = "
                                     "'total' AND key_id = 0 AND key_text = ''",
                                 {month}));
  if (totals) out.totals = figures_at(*totals, 0);
  out.by_product = TRY(
      grouped(ex, month, "product",
              "COALESCE((SELECT m.code FROM product_models m WHERE m.id = g.k), ''), "
              "COALESCE((SELECT m.name_zh FROM product_models m WHERE m.id = g.k), '（无机型）'), "
              "COALESCE((SELECT m.name_en FROM product_models m WHERE m.id = g.k), '(no model)')"));
  out.by_fault_code = TRY(grouped(
      ex, month, "fault_code",
      "COALESCE((SELECT f.code FROM fault_codes f WHERE f.id = g.k), ''), "
      "COALESCE((SELECT f.label_zh || '（' || l.name_zh || '）' FROM fault_codes f JOIN "
      "product_lines l ON l.id = f.product_line_id WHERE f.id = g.k), '（未填故障代码）'), "
      "COALESCE((SELECT CASE WHEN f.label_en = '' THEN f.label_zh ELSE f.label_en END || ' (' || "
      "CASE WHEN l.name_en = '' THEN l.name_zh ELSE l.name_en END || ')' FROM fault_codes f JOIN "
      "product_lines l ON l.id = f.product_line_id WHERE f.id = g.k), '(no fault code)')"));
  out.by_centre =
      TRY(grouped(ex, month, "centre",
                  "COALESCE((SELECT c.code FROM service_centres c WHERE c.id = g.k), ''), "
                  "COALESCE((SELECT c.name_zh FROM service_centres c WHERE c.id = g.k), ''), "
                  "COALESCE((SELECT c.name_en FROM service_centres c WHERE c.id = g.k), '')"));
  out.by_engineer = TRY(grouped(
      ex, month, "engineer",
      "COALESCE((SELECT u.login FROM users u WHERE u.id = g.k), ''), "
      "COALESCE((SELECT u.display_name FROM users u WHERE u.id = g.k), '（未派工）'), "
      "COALESCE((SELECT u.display_name FROM users u WHERE u.id = g.k), '(not dispatched)')"));
  // Fault phenomena are free text: keyed by the text itself.
  out.by_fault = TRY(grouped(ex, month, "fault", "g.key_text, g.key_text, g.key_text", 100));
  const auto m = *kpi::parse_month(month);
  const std::string from = format_rfc3339(kpi::month_start(m));
  const std::string to = format_rfc3339(kpi::next_month_start(m));
  auto received = TRY(ex.query_one(
      "SELECT COUNT(*) FROM complaints WHERE received_at >= $1 AND received_at < $2 AND "
      "COALESCE(is_complaint, 1) = 1",
      {from, to}));
  auto attributable = TRY(
      ex.query_one("SELECT COUNT(*) " + kpi_complaints_from("all"), {from, to, std::int64_t{0}}));
  out.complaints.received = received ? received->i64(0) : 0;
  out.complaints.attributable = attributable ? attributable->i64(0) : 0;
  if (out.totals.orders > 0) {
    out.complaints.rate_bp =
        (out.complaints.attributable * 10000 + out.totals.orders / 2) / out.totals.orders;
  }
  auto parts = TRY(ex.query(
      "SELECT g.part_id, p.number, p.name_zh, p.name_en, g.consumed, g.faulty, g.unused, "
      "g.consumed * p.price_cents, g.orders FROM (SELECT part_id, COUNT(DISTINCT CASE WHEN kind "
      "IN ('consumption', 'issue') THEN work_order_id END) AS orders, CAST(SUM(CASE WHEN kind IN "
      "('consumption', 'issue') THEN quantity ELSE 0 END) AS BIGINT) AS consumed, CAST(SUM(CASE "
      "WHEN kind = 'faulty_return' THEN quantity ELSE 0 END) AS BIGINT) AS faulty, CAST(SUM(CASE "
      "WHEN kind = 'unused_return' THEN quantity ELSE 0 END) AS BIGINT) AS unused FROM "
      "stock_movements WHERE created_at >= $1 AND created_at < $2 AND kind IN ('consumption', "
      "'issue', 'faulty_return', 'unused_return') GROUP BY part_id) g JOIN parts p ON p.id = "
      "g.part_id ORDER BY g.consumed DESC, p.number",
      {from, to}));
  for (const auto& r : parts) {
    out.by_part.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.i64(8), r.i64(4), r.i64(5),
                           r.i64(6), r.i64(7)});
  }
  auto approval = TRY(ex.query_one(
      "SELECT s.approved_by, COALESCE(u.login, ''), s.approved_at, s.note, s.distributed_at, "
      "s.recipients, s.distribute_at FROM monthly_statistics s LEFT JOIN users u ON u.id = "
      "s.approved_by WHERE s.month = $1",
      {month}));
  if (approval) {
    StatisticsApproval a;
    a.approved_by = approval->i64(0);
    a.approved_by_login = approval->text(1);
    a.approved_at = parse_rfc3339(approval->text(2)).value_or(Instant{});
    a.note = approval->text(3);
    if (!approval->is_null(4)) a.distributed_at = parse_rfc3339(approval->text(4));
    a.recipients = approval->text(5);
    if (!approval->is_null(6)) a.distribute_at = parse_rfc3339(approval->text(6));
    out.approval = a;
  }
  return out;
}

Result<MonthlyStatistics> monthly_statistics(store::Executor& ex, const Actor& actor, Instant now,
                                             const std::string& month) {
  TRY_VOID(check_statistics_month(month, now));
  if (!access::can(actor.principal, "statistics.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the monthly statistics");
  }
  return load_monthly_statistics(ex, month);
}

}  // namespace fuwu::app
