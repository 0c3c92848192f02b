#include "store/migration.h"

#include <algorithm>

namespace fuwu::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

}  // namespace

Result<int> schema_version(Database& db) {
  int version = 0;
  TRY_VOID(db.write([&](Executor& ex) -> Status {
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
  for (const auto& m : todo) {
    TRY_VOID(db.write([&](Executor& ex) -> Status {
      TRY_VOID(ex.exec_script(m.sql));
      TRY_VOID(
          ex.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                  {std::int64_t{m.version}, m.name, format_rfc3339(now)}));
      return {};
    }));
    report.applied.push_back(m.name);
    report.to_version = m.version;
  }
  return report;
}

}  // namespace fuwu::store
