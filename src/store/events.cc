#include "store/events.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace fuwu::store {
namespace {

class PollingFeed final : public EventFeed {
 public:
  PollingFeed(Database& db, int interval_ms) : db_(db), interval_ms_(interval_ms) {}
  ~PollingFeed() override { stop(); }

  Status start(EventsCommitted on_events) override {
    on_events_ = std::move(on_events);
    thread_ = std::thread([this] { loop(); });
    return {};
  }

  void stop() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void loop() {
    std::int64_t reported = -1;
    for (;;) {
      std::int64_t last = 0;
      const Status s = db_.read([&](Executor& ex) -> Status {
        auto row = TRY(ex.query_one("SELECT COALESCE(MAX(id), 0) FROM outbox"));
        last = row ? row->i64(0) : 0;
        return {};
      });
      if (s.ok() && last != reported) {
        reported = last;
        on_events_(last);
      }
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_),
                         [this] { return stopping_; })) {
        return;
      }
    }
  }

  Database& db_;
  const int interval_ms_;
  EventsCommitted on_events_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace

std::unique_ptr<EventFeed> polling_event_feed(Database& db, int interval_ms) {
  return std::make_unique<PollingFeed>(db, interval_ms);
}

}  // namespace fuwu::store
