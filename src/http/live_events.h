// Live updates for signed-in users (Server-Sent Events, GET /api/v1/events/stream).
//
// One LiveEvents per node. It follows the outbox (woken by the event feed, store/events.h, and by
// the notification dispatcher; it also polls) and the in-app notifications table, and hands each
// subscriber what it may see: events of records the subscriber may read ("record" events) and the
// subscriber's own new notifications ("notification" events), plus a heartbeat comment every
// 15 s. A subscription ends after `max_stream` (the browser's EventSource reconnects and is
// authenticated again, so a revoked session stops receiving) or when the client goes away.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "app/platform/context.h"
#include "http/message.h"

namespace fuwu::http {

class LiveEvents {
 public:
  explicit LiveEvents(app::Services& services, Duration max_stream = Duration::of_minutes(10));
  ~LiveEvents();

  // Starts from the current end of the outbox and of the notifications.
  Status start();
  void stop();
  // Something was committed: look now instead of at the next poll.
  void wake();

  std::shared_ptr<BodyStream> subscribe(const app::Actor& actor);
  int subscriber_count();

 private:
  struct Subscriber;
  void loop();
  Status pass();

  app::Services& services_;
  Duration max_stream_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::weak_ptr<Subscriber>> subscribers_;
  std::thread thread_;
  bool stopping_ = false;
  bool woken_ = false;
  std::int64_t event_cursor_ = 0;
  std::int64_t notification_cursor_ = 0;
};

}  // namespace fuwu::http
