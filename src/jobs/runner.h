// The job runner: takes due jobs from the durable queue and runs their handlers.
//
// Deciding what is due is the queue's (app/platform/job_queue.h); running is this runner's.
// run_once(now) does one pass and is what tests call with a stepped clock; start() runs passes on
// a background thread, waking at the next due instant, on notify(), or every poll interval.
// Handlers must be idempotent: a job whose lease expires (crash, kill -9) runs again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "app/platform/job_queue.h"

namespace fuwu::jobs {

using JobHandler = std::function<Status(app::Services&, const app::Job&)>;

class Runner {
 public:
  Runner(app::Services& services, std::string worker_id);
  ~Runner();

  void register_handler(std::string kind, JobHandler handler);

  // Runs every job due at `now`; returns how many ran (successfully or not).
  Result<int> run_once(Instant now);

  void start(Duration poll_interval = Duration::of_seconds(1));
  void stop();
  // Wakes the background thread (e.g. after enqueueing a job due now).
  void notify();

 private:
  void loop(Duration poll_interval);
  app::Services& services_;
  std::string worker_id_;
  std::map<std::string, JobHandler> handlers_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool notified_ = false;
};

}  // namespace fuwu::jobs
