// The SQLite backend of store::Database.
//
// WAL journal, synchronous=FULL by default (an acknowledged write survives power loss), foreign
// keys on, one writer thread that groups concurrent write units into one commit (each unit in
// its own SAVEPOINT), and a pool of reader connections (query_only, one snapshot per read()).
//
// Threads: the Database returned by open() may be used from any number of threads; it owns one
// writer thread for its whole life. Destroying it waits until every queued write is answered;
// no read() or write() may still be running then.
//
// Errors (see store/sql.h): UNIQUE / PRIMARY KEY -> conflict with subject "table.column" (or
// "table.a, table.b", or an expression index's name); CHECK -> validation_failed with the
// constraint's name (or its expression when unnamed); NOT NULL -> validation_failed with
// "table.column"; FOREIGN KEY -> validation_failed with subject "foreign_key" (SQLite does not
// say which key); BUSY / LOCKED -> unavailable; anything else -> internal. Calling read() or
// write() from inside a unit returns internal instead of deadlocking.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/sql.h"

namespace fuwu::store::sqlite {

struct Options {
  std::string path;              // a file path; ":memory:" and "file:" URIs are refused
  bool synchronous_full = true;  // false: synchronous=NORMAL (survives crashes, not power loss)
  int readers = 4;               // reader connections in the pool
  int max_batch = 256;           // most write units grouped into one commit
  int busy_timeout_ms = 5000;    // how long a statement waits for another process's lock
  // Memory per connection (the writer and each reader): SQLite's page cache, and how much of the
  // file is memory-mapped (mapped pages count in the process's RSS, once per connection).
  int cache_mb = 16;
  int mmap_mb = 0;
  // For a process that alone loads much into the file (fuwu seed): while the database is open
  // the writer keeps a rollback journal (TRUNCATE) instead of the WAL, so each page a load
  // appends is written to the file once (a rollback journal needs no copy of pages the file did
  // not have) instead of into the WAL and again by the checkpoint. The file is switched back to
  // WAL when the database closes; after a crash, the next open rolls the journal back and
  // switches it, as every open does. While another process has the file open, SQLite refuses
  // the switch (after busy_timeout_ms) and the writer keeps the WAL.
  bool bulk_load = false;
};

// Opens (creating if absent) the database file, switches it to WAL (see bulk_load) and starts
// the writer thread. Does not migrate. Fails with invalid_request for bad options, internal when
// the file cannot be opened or is not a SQLite database.
Result<std::unique_ptr<Database>> open(const Options& options);

// The migrations shipped for SQLite (src/store/migrations/sqlite/*.sql), in version order.
const std::vector<Migration>& embedded_migrations();

}  // namespace fuwu::store::sqlite
