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

}  // namespace

Result<KpiRecordPage> list_kpi_records(store::Executor& ex, const Actor& actor, Instant now,
                                       const KpiQuery& q, const std::string& kpi_slug,
                                       std::int64_t before_id, int limit) {
  const auto tally = kpi::parse_tally(kpi_slug);
  if (!tally) {
    return Error(ErrorCode::validation_failed, "the KPI query is not valid")
        .with_field("kpi", "not_allowed",
                    "orders, on_time, response_time, repair_time, first_time_fix or "
                    "repeat_repair");
  }
  TRY(check_kpi_query(ex, actor, now, q));
  const auto s = *record_sql(*tally);
  std::string sql = std::string("SELECT f.ticket_id, t.number, t.title, t.state, ") +
                    "f.service_centre_id, f.engineer_id, " + s.numerator +
                    ", f.due_at, f.resolved_at FROM work_order_facts f JOIN tickets t ON t.id = "
                    "f.ticket_id WHERE " +
                    s.where + " AND f.ticket_id < $2";
  if (q.scope == "centre") sql += " AND f.service_centre_id = $3";
  if (q.scope == "engineer") sql += " AND f.engineer_id = $3";
  if (q.scope == "contract") sql += " AND f.organisation_id = $3";
  if (q.scope == "all") sql += " AND $3 = 0";
  sql += " ORDER BY f.ticket_id DESC LIMIT $4";
  const std::int64_t before = before_id > 0 ? before_id : INT64_MAX;
  auto rows = TRY(ex.query(
      sql, {q.month, before, q.scope == "all" ? std::int64_t{0} : q.id, std::int64_t{limit + 1}}));
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
    rec.denominator = 1;
    if (!r.is_null(7)) rec.due_at = parse_rfc3339(r.text(7));
    if (!r.is_null(8)) rec.resolved_at = parse_rfc3339(r.text(8));
    page.items.push_back(std::move(rec));
  }
  return page;
}

}  // namespace fuwu::app
