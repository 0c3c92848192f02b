// The durable job table. Jobs are at-least-once: a handler must be idempotent. A lock key makes
// a job single-flight (at most one pending or running job per key; enqueueing a second one with
// the same key is a no-op that returns the existing job). Failed attempts are retried with
// exponential backoff until max_attempts, then the job is marked failed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string payload;  // JSON object
  std::string lock_key;
  std::string state;
  Instant run_at;
  int attempts = 0;
  int max_attempts = 10;
  std::string last_error;
};

struct NewJob {
  std::string kind;
  std::string payload = "{}";
  Instant run_at;
  std::string lock_key;  // "" for none
  int max_attempts = 10;
};

// Enqueues inside the caller's write unit. Returns the job id (the existing one on a lock-key hit).
Result<std::int64_t> enqueue_job(store::Executor& ex, const NewJob& job, Instant now);

// Claims up to `limit` due jobs (run_at <= now, pending, or running with an expired lease) for
// `worker`, leasing them until now + lease. Each claim increments attempts.
Result<std::vector<Job>> claim_due_jobs(store::Database& db, Instant now, std::string_view worker,
                                        int limit, Duration lease);

Status complete_job(store::Database& db, std::int64_t job_id, Instant now);
// Records the failure; schedules a retry at now + backoff(attempts) or marks the job failed.
Status fail_job(store::Database& db, const Job& job, std::string_view error, Instant now);

// 2^(attempts-1) × 10 s, capped at 1 hour.
Duration job_backoff(int attempts);

// The earliest run_at of a pending job, for the runner's sleep.
Result<std::optional<Instant>> next_job_due(store::Database& db);
Result<std::int64_t> pending_job_count(store::Database& db);

}  // namespace fuwu::app
