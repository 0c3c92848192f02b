#include "store/migration.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace fuwu::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

// PostgreSQL: the advisory lock (a transaction-level one) that keeps two nodes from migrating
// the same database at once ("fuwu" in ASCII).
constexpr std::int64_t kMigrationLock = 0x66757775;

// Takes the migration lock inside the current write transaction: waits for it (`wait`) or
// returns false when another node holds it. Always true on SQLite (one writer anyway).
Result<bool> lock_migrations(Executor& ex, bool wait) {
  if (ex.dialect() != DialectKind::postgres) return true;
  if (wait) {
    TRY_VOID(ex.query("SELECT pg_advisory_xact_lock($1::bigint)", {kMigrationLock}));
    return true;
  }
  auto row =
      TRY(ex.query_one("SELECT pg_try_advisory_xact_lock($1::bigint)::int", {kMigrationLock}));
  return row && row->i64(0) != 0;
}

}  // namespace

Result<int> schema_version(Database& db) {
  int version = 0;
  TRY_VOID(db.write([&](Executor& ex) -> Status {
    // Two nodes creating the table at once would collide in PostgreSQL's catalog.
    TRY_VOID(lock_migrations(ex, true));
    TRY_VOID(ex.exec(kCreateTable));
    auto row = TRY(ex.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    version = row ? static_cast<int>(row->i64(0)) : 0;
    return {};
  }));
  return version;
}

Result<MigrationReport> migrate(Database& db, const std::vector<Migration>& migrations,
                                Instant now) {
  MigrationReport report;
  report.from_version = TRY(schema_version(db));
  report.to_version = report.from_version;
  const int newest =
      migrations.empty()
          ? 0
          : std::max_element(migrations.begin(), migrations.end(),
                             [](const auto& a, const auto& b) { return a.version < b.version; })
                ->version;
  if (report.from_version > newest) {
    return Error(ErrorCode::conflict, "the database schema (version " +
                                          std::to_string(report.from_version) +
                                          ") is newer than this binary (version " +
                                          std::to_string(newest) + "); upgrade fuwu");
  }
  std::vector<Migration> todo;
  for (const auto& m : migrations) {
    if (m.version > report.from_version) todo.push_back(m);
  }
  std::sort(todo.begin(), todo.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  // On PostgreSQL several nodes may start at once: each migration runs under an advisory lock;
  // a node that finds the lock taken waits and re-reads the version, and a migration that fails
  // after another node applied it (a snapshot taken just before that node's commit) counts as
  // done.
  for (const auto& m : todo) {
    for (;;) {
      if (TRY(schema_version(db)) >= m.version) break;
      bool locked = false;
      const Status s = db.write([&](Executor& ex) -> Status {
        locked = TRY(lock_migrations(ex, false));
        if (!locked) return {};
        TRY_VOID(ex.exec_script(m.sql));
        TRY_VOID(
            ex.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    {std::int64_t{m.version}, m.name, format_rfc3339(now)}));
        return {};
      });
      if (!s.ok()) {
        if (locked && TRY(schema_version(db)) >= m.version) break;
        return s.error();
      }
      if (locked) {
        report.applied.push_back(m.name);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    report.to_version = m.version;
  }
  return report;
}

}  // namespace fuwu::store
