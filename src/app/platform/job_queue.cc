#include "app/platform/job_queue.h"

#include <algorithm>

namespace fuwu::app {

Duration job_backoff(int attempts) {
  const int exp = std::clamp(attempts - 1, 0, 20);
  const std::int64_t s = std::min<std::int64_t>(std::int64_t{10} << exp, 3600);
  return Duration::of_seconds(s);
}

Result<std::int64_t> enqueue_job(store::Executor& ex, const NewJob& job, Instant now) {
  if (!job.lock_key.empty()) {
    auto existing = TRY(
        ex.query_one("SELECT id FROM jobs WHERE lock_key = $1 AND state IN ('pending', 'running')",
                     {job.lock_key}));
    if (existing) return existing->i64(0);
  }
  auto rows = TRY(ex.query(
      "INSERT INTO jobs (kind, payload, lock_key, state, run_at, max_attempts, created_at) "
      "VALUES ($1, $2, $3, 'pending', $4, $5, $6) RETURNING id",
      {job.kind, job.payload, store::null_if_empty(job.lock_key), format_rfc3339(job.run_at),
       std::int64_t{job.max_attempts}, format_rfc3339(now)}));
  return rows.at(0).i64(0);
}

namespace {

Job job_from_row(const store::Row& r) {
  Job j;
  j.id = r.i64(0);
  j.kind = r.text(1);
  j.payload = r.text(2);
  j.lock_key = r.text(3);
  j.state = r.text(4);
  j.run_at = parse_rfc3339(r.text(5)).value_or(Instant{});
  j.attempts = static_cast<int>(r.i64(6));
  j.max_attempts = static_cast<int>(r.i64(7));
  j.last_error = r.text(8);
  return j;
}

}  // namespace

Result<std::vector<Job>> claim_due_jobs(store::Database& db, Instant now, std::string_view worker,
                                        int limit, Duration lease) {
  std::vector<Job> claimed;
  const std::string now_text = format_rfc3339(now);
  const std::string until = format_rfc3339(now + lease);
  TRY_VOID(db.write([&](store::Executor& ex) -> Status {
    claimed.clear();
    const char* lock =
        ex.dialect() == store::DialectKind::postgres ? " FOR UPDATE SKIP LOCKED" : "";
    auto rows = TRY(ex.query(
        std::string("SELECT id FROM jobs WHERE (state = 'pending' AND run_at <= $1) OR "
                    "(state = 'running' AND locked_until <= $1) ORDER BY run_at, id LIMIT $2") +
            lock,
        {now_text, std::int64_t{limit}}));
    for (const auto& r : rows) {
      auto updated = TRY(ex.query(
          "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $2, "
          "locked_until = $3 WHERE id = $1 RETURNING id, kind, payload, lock_key, state, run_at, "
          "attempts, max_attempts, last_error",
          {r.i64(0), std::string(worker), until}));
      if (!updated.empty()) claimed.push_back(job_from_row(updated.front()));
    }
    return {};
  }));
  return claimed;
}

Status complete_job(store::Database& db, std::int64_t job_id, Instant now) {
  return db.write([&](store::Executor& ex) -> Status {
    TRY_VOID(ex.exec(
        "UPDATE jobs SET state = 'done', finished_at = $2, locked_by = NULL, locked_until = NULL "
        "WHERE id = $1",
        {job_id, format_rfc3339(now)}));
    return {};
  });
}

Status fail_job(store::Database& db, const Job& job, std::string_view error, Instant now) {
  return db.write([&](store::Executor& ex) -> Status {
    if (job.attempts >= job.max_attempts) {
      TRY_VOID(ex.exec(
          "UPDATE jobs SET state = 'failed', last_error = $2, finished_at = $3, locked_by = NULL, "
          "locked_until = NULL WHERE id = $1",
          {job.id, std::string(error), format_rfc3339(now)}));
    } else {
      TRY_VOID(ex.exec(
          "UPDATE jobs SET state = 'pending', last_error = $2, run_at = $3, locked_by = NULL, "
          "locked_until = NULL WHERE id = $1",
          {job.id, std::string(error), format_rfc3339(now + job_backoff(job.attempts))}));
    }
    return {};
  });
}

Result<std::optional<Instant>> next_job_due(store::Database& db) {
  std::optional<Instant> due;
  TRY_VOID(db.read([&](store::Executor& ex) -> Status {
    auto row = TRY(ex.query_one("SELECT MIN(run_at) FROM jobs WHERE state = 'pending'"));
    if (row && !row->is_null(0)) due = parse_rfc3339(row->text(0));
    return {};
  }));
  return due;
}

Result<std::int64_t> pending_job_count(store::Database& db) {
  std::int64_t n = 0;
  TRY_VOID(db.read([&](store::Executor& ex) -> Status {
    auto row = TRY(ex.query_one("SELECT COUNT(*) FROM jobs WHERE state IN ('pending', 'running')"));
    n = row ? row->i64(0) : 0;
    return {};
  }));
  return n;
}

}  // namespace fuwu::app
