// Notifications at run time: the pump that turns committed outbox events into deliveries
// (app::dispatch_notifications in a write unit, woken by the event feed), and the
// "notify.deliver" job handler that sends one e-mail (or webhook) delivery.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "app/notify/notify.h"
#include "app/platform/job_queue.h"
#include "net/http_client.h"
#include "net/smtp.h"

namespace fuwu::jobs {

struct NotificationSettings {
  app::DispatchOptions dispatch;
  std::optional<net::SmtpSettings> smtp;  // nullopt: e-mail deliveries are recorded as skipped
  std::string from_address = "fuwu@localhost";
  std::string from_name = "Fuwu 服务台";
  // Webhooks and robots: private, loopback and link-local targets are refused unless allowed.
  bool allow_private_addresses = false;
  int webhook_disable_after = 10;  // consecutive failures
  int webhook_timeout_seconds = 10;
};

// The job handler of app::kDeliverJob. Idempotent: a delivery that is no longer pending is done.
Status run_delivery_job(app::Services& services, const app::Job& job,
                        const NotificationSettings& settings);

// Runs dispatch passes on its own thread: at start, on wake() (events committed) and every
// `poll` otherwise; after a pass that enqueued jobs it calls `jobs_enqueued` (the runner's
// notify). run_once() is the same pass, for tests and the CLI.
class NotificationPump {
 public:
  NotificationPump(app::Services& services, NotificationSettings settings,
                   std::function<void()> jobs_enqueued, std::function<void()> delivered = nullptr);
  ~NotificationPump();

  Result<app::DispatchResult> run_once();
  void start(Duration poll = Duration::of_seconds(2));
  void wake();
  void stop();

 private:
  void loop(Duration poll);
  app::Services& services_;
  NotificationSettings settings_;
  std::function<void()> jobs_enqueued_;
  std::function<void()> delivered_;  // after a pass that wrote deliveries (live updates)
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
};

}  // namespace fuwu::jobs
