// "Events committed": how a node learns that domain events (rows of the outbox table) were
// committed — by itself or, on PostgreSQL, by any other node — so that live updates can be pushed
// without every consumer polling the database.
//
// A feed only says "the outbox has grown up to at least this id"; consumers still read the rows
// from their own cursor (app/platform/outbox.h), so a missed or merged signal loses nothing but
// latency.
//
//   SQLite (one node):   polling_event_feed() — a thread reads MAX(id) of the outbox every
//                        `interval_ms` and reports growth. The outbox is only written in this
//                        process, so this is the whole installation.
//   PostgreSQL (nodes):  postgres::listen_event_feed() — an AFTER INSERT trigger on the outbox
//                        (migration 0001) runs pg_notify('fuwu_events', id) inside the writing
//                        transaction, so the signal is sent only if and when it commits; the feed
//                        holds one LISTEN connection and reconnects after a lost connection.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "store/sql.h"

namespace fuwu::store {

// The NOTIFY channel of the outbox trigger on PostgreSQL.
inline constexpr const char* kEventsChannel = "fuwu_events";

// Called on the feed's own thread with the highest outbox id known to be committed. After a
// gap (start, reconnect) it is called with the outbox's current MAX(id), so a consumer that reads
// from its cursor then catches up. Must not block for long.
using EventsCommitted = std::function<void(std::int64_t last_id)>;

class EventFeed {
 public:
  virtual ~EventFeed() = default;
  // Starts the feed's thread; `on_events` is called until stop(). Call once.
  virtual Status start(EventsCommitted on_events) = 0;
  // Stops the thread (joins it); no call of on_events runs after it returns. Idempotent.
  virtual void stop() = 0;
};

// For SQLite (and for tests): polls SELECT MAX(id) FROM outbox on `db` every `interval_ms`.
// `db` must outlive the feed.
std::unique_ptr<EventFeed> polling_event_feed(Database& db, int interval_ms = 200);

}  // namespace fuwu::store
