// The SQLite backend of store::Database.
//
// WAL journal, synchronous=FULL by default (an acknowledged write survives power loss), foreign
// keys on, one writer thread that groups concurrent write units into one commit (each unit in
// its own SAVEPOINT), and a pool of reader connections.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/sql.h"

namespace fuwu::store::sqlite {

struct Options {
  std::string path;              // a file path, or ":memory:"-like test paths are not supported
  bool synchronous_full = true;  // false: synchronous=NORMAL (survives crashes, not power loss)
  int readers = 4;               // reader connections in the pool
  int max_batch = 256;           // most write units grouped into one commit
  int busy_timeout_ms = 5000;
};

// Opens (creating if absent) the database file. Does not migrate.
Result<std::unique_ptr<Database>> open(const Options& options);

// The migrations shipped for SQLite (src/store/migrations/sqlite/*.sql).
const std::vector<Migration>& embedded_migrations();

}  // namespace fuwu::store::sqlite
