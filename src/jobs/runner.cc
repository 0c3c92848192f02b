#include "jobs/runner.h"

#include <chrono>

#include "base/log.h"

namespace fuwu::jobs {

Runner::Runner(app::Services& services, std::string worker_id)
    : services_(services), worker_id_(std::move(worker_id)) {}

Runner::~Runner() {
  stop();
}

void Runner::register_handler(std::string kind, JobHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

Result<int> Runner::run_once(Instant now) {
  int ran = 0;
  for (;;) {
    auto jobs =
        TRY(app::claim_due_jobs(services_.db, now, worker_id_, 32, Duration::of_minutes(5)));
    if (jobs.empty()) break;
    for (const auto& job : jobs) {
      ++ran;
      auto it = handlers_.find(job.kind);
      Status st = it == handlers_.end()
                      ? Status(Error(ErrorCode::internal, "no handler for job kind " + job.kind))
                      : it->second(services_, job);
      if (st.ok()) {
        TRY_VOID(app::complete_job(services_.db, job.id, now));
      } else {
        log::warn("jobs.failed", {{"job", job.id},
                                  {"kind", job.kind},
                                  {"attempt", job.attempts},
                                  {"error", st.error().message}});
        TRY_VOID(app::fail_job(services_.db, job, st.error().message, now));
      }
    }
  }
  return ran;
}

void Runner::start(Duration poll_interval) {
  thread_ = std::thread([this, poll_interval] { loop(poll_interval); });
}

void Runner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Runner::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

void Runner::loop(Duration poll_interval) {
  for (;;) {
    const Instant now = services_.clock.now();
    auto ran = run_once(now);
    if (!ran.ok()) log::warn("jobs.pass_failed", {{"error", ran.error().message}});
    Duration wait = poll_interval;
    if (auto due = app::next_job_due(services_.db); due.ok() && due->has_value()) {
      const Duration until = **due - services_.clock.now();
      if (until < wait) wait = until;
    }
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (wait.seconds > 0 && !notified_) {
      wake_.wait_for(lock, std::chrono::seconds(wait.seconds),
                     [this] { return stopping_ || notified_; });
    }
    notified_ = false;
    if (stopping_) return;
  }
}

}  // namespace fuwu::jobs
