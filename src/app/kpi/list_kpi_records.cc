#include "app/kpi/kpi.h"

namespace fuwu::app {
namespace {

// Which facts rows a figure counts (the month column and the filter) and what each adds to the
// numerator: the SQL twin of kpi::contributions.
struct RecordSql {
  const char* where;
  const char* numerator;
};

std::optional<RecordSql> record_sql(kpi::Tally t) {
  switch (t) {
    case kpi::Tally::orders:
      return RecordSql{"f.reported_month = $1", "1"};
    case kpi::Tally::on_time:
      return RecordSql{"f.due_month = $1 AND f.on_time IS NOT NULL AND f.cancelled = 0",
                       "f.on_time"};
    case kpi::Tally::response_time:
      return RecordSql{"f.responded_month = $1 AND f.cancelled = 0", "f.response_seconds"};
    case kpi::Tally::repair_time:
      return RecordSql{"f.resolved_month = $1 AND f.wo_kind = 'repair' AND f.cancelled = 0",
                       "f.repair_seconds"};
    case kpi::Tally::first_time_fix:
      return RecordSql{"f.resolved_month = $1 AND f.wo_kind = 'repair' AND f.cancelled = 0",
                       "CASE WHEN f.waited_for_parts = 0 AND f.reopened = 0 THEN 1 ELSE 0 END"};
    case kpi::Tally::repeat_repair:
      return RecordSql{"f.resolved_month = $1 AND f.wo_kind = 'repair' AND f.cancelled = 0",
                       "f.came_back"};
  }
  return std::nullopt;
}

// The survey responses submitted in the month, newest first.
Result<KpiRecordPage> satisfaction_records(store::Executor& ex, const KpiQuery& q,
                                           std::int64_t before_id, int limit) {
  const auto month = *kpi::parse_month(q.month);
  const std::string column = kpi_scope_column(q.scope);
  auto rows = TRY(ex.query(
      "SELECT r.id, COALESCE(r.ticket_id, 0), COALESCE(t.number, ''), COALESCE(t.title, ''), "
      "COALESCE(t.state, ''), COALESCE(r.service_centre_id, 0), COALESCE(r.engineer_id, 0), "
      "CAST(ROUND(r.score_percent * 100) AS BIGINT), r.submitted_at FROM survey_responses r LEFT "
      "JOIN tickets t ON t.id = r.ticket_id WHERE r.submitted_at >= $1 AND r.submitted_at < $2 "
      "AND r.id < $3 AND " +
          (column.empty() ? std::string("$4 = 0") : "r." + column + " = $4") +
          " ORDER BY r.id DESC LIMIT $5",
      {format_rfc3339(kpi::month_start(month)), format_rfc3339(kpi::next_month_start(month)),
       before_id > 0 ? before_id : INT64_MAX, q.scope == "all" ? std::int64_t{0} : q.id,
       std::int64_t{limit + 1}}));
  KpiRecordPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().response_id;
      break;
    }
    KpiRecord rec;
    rec.response_id = r.i64(0);
    rec.ticket_id = r.i64(1);
    rec.number = r.text(2);
    rec.title = r.text(3);
    rec.state = r.text(4);
    rec.service_centre_id = r.i64(5);
    rec.engineer_id = r.i64(6);
    rec.numerator = r.i64(7);
    rec.denominator = 1;
    rec.resolved_at = parse_rfc3339(r.text(8));
    page.items.push_back(std::move(rec));
  }
  return page;
}

// Rows of (ticket id, number, title, state, centre, engineer, numerator, due_at, resolved_at),
// newest first with one row beyond the page: the page of records. A complaint adds 0 to the
// denominator (the orders do).
KpiRecordPage ticket_page(const store::Rows& rows, int limit, bool complaints) {
  KpiRecordPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().ticket_id;
      break;
    }
    KpiRecord rec;
    rec.ticket_id = r.i64(0);
    rec.number = r.text(1);
    rec.title = r.text(2);
    rec.state = r.text(3);
    rec.service_centre_id = r.i64(4);
    rec.engineer_id = r.i64(5);
    rec.numerator = r.i64(6);
    rec.denominator = complaints ? 0 : 1;
    rec.complaint = complaints;
    if (!r.is_null(7)) rec.due_at = parse_rfc3339(r.text(7));
    if (!r.is_null(8)) rec.resolved_at = parse_rfc3339(r.text(8));
    page.items.push_back(std::move(rec));
  }
  return page;
}

// The attributable complaints received in the month, newest first: 1 each to the numerator.
Result<KpiRecordPage> complaint_records(store::Executor& ex, const KpiQuery& q,
                                        std::int64_t before_id, int limit) {
  const auto month = *kpi::parse_month(q.month);
  auto rows = TRY(ex.query(
      "SELECT c.ticket_id, t.number, t.title, t.state, COALESCE(f.service_centre_id, "
      "e.service_centre_id, 0), COALESCE(c.engineer_id, f.engineer_id, 0), 1, c.due_at, "
      "c.closed_at " +
          kpi_complaints_from(q.scope) + " AND c.ticket_id < $4 ORDER BY c.ticket_id DESC LIMIT $5",
      {format_rfc3339(kpi::month_start(month)), format_rfc3339(kpi::next_month_start(month)),
       q.scope == "all" ? std::int64_t{0} : q.id, before_id > 0 ? before_id : INT64_MAX,
       std::int64_t{limit + 1}}));
  return ticket_page(rows, limit, true);
}

}  // namespace

Result<KpiRecordPage> list_kpi_records(store::Executor& ex, const Actor& actor, Instant now,
                                       const KpiQuery& q, const std::string& kpi_slug,
                                       std::int64_t before_id, int limit) {
  if (kpi_slug == "satisfaction") {
    TRY(check_kpi_query(ex, actor, now, q));
    return satisfaction_records(ex, q, before_id, limit);
  }
  if (kpi_slug == "complaint_rate") {
    TRY(check_kpi_query(ex, actor, now, q));
    return complaint_records(ex, q, before_id, limit);
  }
  const auto tally = kpi::parse_tally(kpi_slug);
  if (!tally) {
    return Error(ErrorCode::validation_failed, "the KPI query is not valid")
        .with_field("kpi", "not_allowed",
                    "orders, on_time, response_time, repair_time, first_time_fix, "
                    "repeat_repair, satisfaction or complaint_rate");
  }
  TRY(check_kpi_query(ex, actor, now, q));
  const auto s = *record_sql(*tally);
  std::string sql = std::string("SELECT f.ticket_id, t.number, t.title, t.state, ") +
                    "f.service_centre_id, f.engineer_id, " + s.numerator +
                    ", f.due_at, f.resolved_at FROM work_order_facts f JOIN tickets t ON t.id = "
                    "f.ticket_id WHERE " +
                    s.where + " AND f.ticket_id < $2";
  const std::string column = kpi_scope_column(q.scope);
  sql += column.empty() ? " AND $3 = 0" : " AND f." + column + " = $3";
  sql += " ORDER BY f.ticket_id DESC LIMIT $4";
  const std::int64_t before = before_id > 0 ? before_id : INT64_MAX;
  auto rows = TRY(ex.query(
      sql, {q.month, before, q.scope == "all" ? std::int64_t{0} : q.id, std::int64_t{limit + 1}}));
  return ticket_page(rows, limit, false);
}

}  // namespace fuwu::app
