#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/platform/job_queue.h"
#include "app/platform/outbox.h"
#include "app/statistics/statistics.h"
#include "domain/kpi/kpi.h"

namespace fuwu::app {
namespace {

constexpr int kDistributionWorkingDay = 3;
constexpr const char* kDistributionCalendar = "china-mainland";

// 09:00 China time on the n-th working day of the month after `m` (calendar engine), or `now`
// when that has passed or the calendar cannot say.
Result<Instant> distribution_time(store::Executor& ex, Date m, Instant now) {
  const Instant last_day_noon =
      Instant::from_unix(kpi::next_month_start(m).unix_seconds - 12 * 3600);
  auto stored = TRY(find_calendar(ex, kDistributionCalendar));
  Instant at = kpi::next_month_start(m);
  if (stored) {
    auto cal = TRY(build_calendar(stored->spec));
    auto end = cal->deadline_days(last_day_noon, kDistributionWorkingDay);
    if (end.ok()) {
      const std::int64_t local_day = (end->unix_seconds + 8 * 3600) / 86400;
      at = Instant::from_unix(local_day * 86400 + 9 * 3600 - 8 * 3600);
    }
  }
  return at < now ? now : at;
}

}  // namespace

Result<MonthlyStatistics> approve_monthly_statistics(store::Executor& ex, const Actor& actor,
                                                     Instant now, const std::string& month,
                                                     const std::string& note) {
  TRY_VOID(check_statistics_month(month, now));
  if (!access::can(actor.principal, "statistics.approve")) {
    return Error(ErrorCode::permission_denied, "you may not approve the monthly statistics");
  }
  const Date m = *kpi::parse_month(month);
  if (kpi::next_month_start(m) > now) {
    return Error(ErrorCode::validation_failed, "the month has not ended yet")
        .with_field("month", "not_ended", "approve a month once it has ended");
  }
  if (note.size() > 2000) {
    return Error(ErrorCode::validation_failed, "the note is too long")
        .with_field("note", "too_long", "at most 2000 bytes");
  }
  auto existing =
      TRY(ex.query_one("SELECT approved_at FROM monthly_statistics WHERE month = $1", {month}));
  if (existing) {
    return Error(ErrorCode::conflict, "the statistics of " + month + " are approved already")
        .with_field("month", "approved", "approved at " + existing->text(0));
  }
  const Instant at = TRY(distribution_time(ex, m, now));
  TRY_VOID(ex.exec(
      "INSERT INTO monthly_statistics (month, approved_by, approved_at, note, distribute_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {month,
       actor.principal.user_id ? store::Value(actor.principal.user_id)
                               : store::Value(store::Null{}),
       format_rfc3339(now), note, format_rfc3339(at)}));
  const std::int64_t record_id = m.year * 100 + m.month;  // 202610 for 2026-10
  NewJob job;
  job.kind = std::string(kStatisticsDistributeJob);
  job.payload = "{\"month\":\"" + month + "\"}";
  job.run_at = at;
  job.lock_key = "statistics:" + month;
  TRY(enqueue_job(ex, job, now));
  TRY_VOID(write_audit(ex, actor, now, "monthly_statistics", record_id, "approve",
                       {{"month", std::nullopt, month},
                        {"note", std::nullopt, note.empty() ? std::nullopt : std::optional(note)},
                        {"distribute_at", std::nullopt, format_rfc3339(at)}}));
  TRY_VOID(emit_event(ex, actor, now, "statistics.approved", "monthly_statistics", record_id,
                      "{\"month\":\"" + month + "\"}"));
  return load_monthly_statistics(ex, month);
}

}  // namespace fuwu::app
