// The PostgreSQL backend of store::Database.
//
// A pool of libpq connections shared by read() and write(). Writes are one at a time, as on
// SQLite: write() queues behind the other writes of this process, then takes the database's
// writer lock (a session advisory lock, so across every node) before BEGIN and releases it after
// COMMIT — the hot rows almost every unit touches (numbering, view counts, the outbox and audit
// index pages) made concurrent SERIALIZABLE writers abort each other until throughput collapsed
// (64 concurrent ticket creates: 38/s, with 503s). The unit runs in a SERIALIZABLE transaction;
// a serialization failure or deadlock (a write against another tool's transactions) rolls it back
// and runs it again after an exponential back-off of 2 ms doubling to at most 256 ms (up to
// Options::max_attempts; units must keep all their effects inside the executor, see
// store/sql.h). read() runs its unit in a REPEATABLE READ, READ ONLY transaction: one snapshot,
// writes fail, never waiting for writers.
//
// Threads: the Database may be used from any number of threads; a call blocks while all
// Options::connections are busy. Destroying it closes the connections; no call may still run.
//
// Errors (see store/sql.h): 23505 unique -> conflict (subject: the constraint's name);
// 23503 foreign key, 23514 check -> validation_failed (subject: the constraint's name);
// 23502 not null -> validation_failed (subject: "table.column"); serialization failure and
// deadlock after the last attempt, a lost connection, SQLSTATE classes 08 and 57P ->
// unavailable; anything else -> internal. A unit interrupted by a lost connection before COMMIT
// is retried on a new connection; one lost during COMMIT is not (its outcome is unknown) and
// gets unavailable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/events.h"
#include "store/migration.h"
#include "store/sql.h"

namespace fuwu::store::postgres {

struct Options {
  std::string url;                  // postgresql://user[:password]@host[:port]/dbname[?...]
  int connections = 8;              // most connections in the pool
  int max_attempts = 5;             // runs of one unit when transactions collide
  int connect_timeout_seconds = 5;  // per connection attempt
};

// Connects once (to fail fast on a wrong URL or a server that is down) and returns the
// database. Does not migrate. Fails with invalid_request for a URL that is not postgresql:// or
// bad options, unavailable when the server cannot be reached.
Result<std::unique_ptr<Database>> open(const Options& options);

// The migrations shipped for PostgreSQL (src/store/migrations/postgres/*.sql), in version order.
const std::vector<Migration>& embedded_migrations();

// The node's feed of "events committed" on any node (store/events.h): a LISTEN connection to
// `url` on the channel the outbox trigger notifies. Reconnects by itself after a lost
// connection, with backoff, and then reports the outbox's MAX(id) so consumers catch up.
std::unique_ptr<EventFeed> listen_event_feed(const std::string& url);

// `url` for messages and logs: a password in the user part or in a password= parameter becomes
// "***".
std::string redacted_url(const std::string& url);

// `url` with its database name replaced by `name` (query parameters kept).
std::string with_database(const std::string& url, const std::string& name);

// Creates the database `name` (lower-case letters, digits and '_' only) on the server `url`
// points at, unless it exists. For tests and `fuwu copy-db`.
Status create_database(const std::string& url, const std::string& name);
// Drops the database `name`, closing other sessions on it.
Status drop_database(const std::string& url, const std::string& name);

}  // namespace fuwu::store::postgres
