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
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"
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

  // `last_event_id`: the id of the last `record` event the client received (EventSource sends it
  // as Last-Event-ID when it reconnects); the subscriber first gets the record events after it that
  // it may see (at most kMaxReplay; with more, none: the client reloads what is on screen anyway).
  std::shared_ptr<BodyStream> subscribe(const app::Actor& actor, std::int64_t last_event_id = 0);
  static constexpr int kMaxReplay = 500;
  int subscriber_count();

 private:
  struct Subscriber;
  void loop();
  Status pass();
  // Hands `events` (with their tickets, same order) to the subscribers that may see them.
  static void push_records(const std::vector<app::Event>& events,
                           const std::vector<std::optional<app::Ticket>>& tickets,
                           const std::vector<std::shared_ptr<Subscriber>>& subs, Instant now);
  // The record events a resuming subscriber missed, up to the current cursor.
  Status replay(store::Executor& ex, const std::shared_ptr<Subscriber>& s, Instant now);

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
