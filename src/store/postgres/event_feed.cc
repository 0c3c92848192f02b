// The PostgreSQL event feed: one LISTEN connection per node (see store/events.h).
#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "store/events.h"
#include "store/postgres/postgres_database.h"

namespace fuwu::store::postgres {
namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;

void ignore_notice(void*, const char*) {}

bool command(PGconn* c, const char* sql) {
  PGresult* r = PQexec(c, sql);
  const bool ok = r != nullptr && PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  return ok;
}

class ListenFeed final : public EventFeed {
 public:
  explicit ListenFeed(std::string url) : url_(std::move(url)) {}
  ~ListenFeed() override { stop(); }

  Status start(EventsCommitted on_events) override {
    on_events_ = std::move(on_events);
    thread_ = std::thread([this] { loop(); });
    return {};
  }

  void stop() override {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  // LISTEN first, then read MAX(id): nothing committed in between is missed.
  ConnPtr connect(std::int64_t& last) {
    const char* keys[] = {"dbname", "connect_timeout", "client_encoding", "application_name",
                          nullptr};
    const char* values[] = {url_.c_str(), "5", "UTF8", "fuwu-events", nullptr};
    ConnPtr c(PQconnectdbParams(keys, values, 1));
    if (!c || PQstatus(c.get()) != CONNECTION_OK) return nullptr;
    PQsetNoticeProcessor(c.get(), ignore_notice, nullptr);
    const std::string listen = std::string("LISTEN ") + kEventsChannel;
    if (!command(c.get(), listen.c_str())) return nullptr;
    PGresult* r = PQexec(c.get(), "SELECT COALESCE(MAX(id), 0) FROM outbox");
    const bool ok = r != nullptr && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    if (ok) last = std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10);
    PQclear(r);
    return ok ? std::move(c) : nullptr;
  }

  void sleep_unless_stopping(int ms) {
    for (int waited = 0; waited < ms && !stopping_; waited += 50) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void loop() {
    std::int64_t reported = -1;
    int backoff_ms = 100;
    while (!stopping_) {
      std::int64_t last = 0;
      ConnPtr c = connect(last);
      if (!c) {
        sleep_unless_stopping(backoff_ms);
        backoff_ms = std::min(backoff_ms * 2, 5000);
        continue;
      }
      backoff_ms = 100;
      if (last != reported) {
        reported = last;
        on_events_(last);
      }
      while (!stopping_) {
        pollfd p{PQsocket(c.get()), POLLIN, 0};
        const int n = ::poll(&p, 1, 200);
        if (n < 0) continue;
        if (n == 0) continue;
        if (PQconsumeInput(c.get()) == 0) break;  // connection lost: reconnect, catch up
        std::int64_t newest = reported;
        while (PGnotify* note = PQnotifies(c.get())) {
          const std::int64_t id = std::strtoll(note->extra, nullptr, 10);
          if (id > newest) newest = id;
          PQfreemem(note);
        }
        if (newest > reported) {
          reported = newest;
          on_events_(newest);
        }
      }
    }
  }

  const std::string url_;
  EventsCommitted on_events_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

}  // namespace

std::unique_ptr<EventFeed> listen_event_feed(const std::string& url) {
  return std::make_unique<ListenFeed>(url);
}

}  // namespace fuwu::store::postgres
