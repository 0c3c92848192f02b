// Versioned schema migrations. Each backend ships its own ordered list (embedded in the binary
// from src/store/migrations/<backend>/NNNN_name.sql) and applies it through migrate().
#pragma once

#include <string>
#include <vector>

#include "base/time.h"
#include "store/sql.h"

namespace fuwu::store {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // "0002_calendar"
};

// Applies every migration newer than the database's version, each in its own write transaction
// together with its row in schema_migrations. Refuses a database newer than the binary.
// On PostgreSQL each migration runs under an advisory lock, so several nodes started at once
// apply each migration exactly once (the others wait, then find it applied).
Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations,
                                Instant now);

// The version the database is at (0 for an empty database).
Result<int> schema_version(Database& db);

}  // namespace fuwu::store
