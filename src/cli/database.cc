#include "cli/database.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "base/crypto.h"
#include "base/time.h"
#include "store/migration.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace fuwu::cli {

void fail(const Error& error, int exit_code) {
  std::fprintf(stderr, "fuwu: %s\n", error.message.c_str());
  for (const auto& f : error.fields) {
    std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message.c_str());
  }
  throw CLI::RuntimeError(exit_code);
}

std::string read_stdin_line() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

namespace {

bool is_postgres_url(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

Status migrate_or_check(OpenedDatabase& out, const std::vector<store::Migration>& migrations,
                        MigrateMode mode, const std::string& db_flag) {
  if (mode == MigrateMode::apply) {
    TRY_VOID(store::migrate(*out.db, migrations, SystemClock().now()));
    return {};
  }
  const int version = TRY(store::schema_version(*out.db));
  int newest = 0;
  for (const auto& m : migrations)
    newest = std::max(newest, m.version);
  if (version < newest) {
    return Error(ErrorCode::conflict, "the database " + out.description + " is at schema version " +
                                          std::to_string(version) + ", this binary needs " +
                                          std::to_string(newest) + ": run `fuwu migrate --db " +
                                          db_flag + "`");
  }
  return {};
}

}  // namespace

Result<OpenedDatabase> open_database(const std::string& url, MigrateMode mode,
                                     const SqliteTuning& tuning) {
  TRY_VOID(crypto::init_crypto());
  if (is_postgres_url(url)) {
    // Never print the password: messages name the URL without it.
    store::postgres::Options options;
    options.url = url;
    options.connections = 16;
    // Serializable writes that insert into the same index pages collide under load (predicate
    // locks are per page); with 64 concurrent writers 5 runs left ~1 % of units failing.
    options.max_attempts = 12;
    OpenedDatabase out;
    out.description = store::postgres::redacted_url(url);
    auto db = store::postgres::open(options);
    if (!db.ok()) {
      Error e = db.error();
      e.message = out.description + ": " + e.message;
      return e;
    }
    out.db = std::move(db).value();
    TRY_VOID(migrate_or_check(out, store::postgres::embedded_migrations(), mode, out.description));
    return out;
  }
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) return Error(ErrorCode::invalid_request, "--db needs a file path");
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent)) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return Error(ErrorCode::invalid_request, "cannot create " + parent.string());
  }
  store::sqlite::Options options;
  options.path = path;
  options.synchronous_full = tuning.synchronous_full;
  options.cache_mb = tuning.cache_mb;
  options.mmap_mb = tuning.mmap_mb;
  options.bulk_load = tuning.bulk_load;
  OpenedDatabase out;
  out.db = TRY(store::sqlite::open(options));
  out.description = path;
  TRY_VOID(migrate_or_check(out, store::sqlite::embedded_migrations(), mode, path));
  return out;
}

}  // namespace fuwu::cli
