// Opening the database named by --db (or database.url) for CLI commands: a SQLite file path
// (also "sqlite:path") or a postgresql:// (postgres://) URL, optionally migrating it.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "store/sql.h"

namespace fuwu::cli {

enum class MigrateMode { check_current, apply };

struct OpenedDatabase {
  std::unique_ptr<store::Database> db;
  std::string description;  // for messages: the file path, or the URL without its password
};

// How a SQLite file is opened (store::sqlite::Options); ignored for PostgreSQL.
struct SqliteTuning {
  bool synchronous_full = true;
  int cache_mb = 16;  // memory per connection
  int mmap_mb = 0;
  bool bulk_load = false;  // a rollback journal while open, for a load into the file alone
};

// check_current: fails with a clear message when the schema is behind ("run fuwu migrate").
Result<OpenedDatabase> open_database(const std::string& url, MigrateMode mode,
                                     const SqliteTuning& tuning = {});

// Prints `error` as "fuwu: <message>" (with field details) to stderr and throws
// CLI::RuntimeError(exit_code).
[[noreturn]] void fail(const Error& error, int exit_code = 2);

// Reads a whole line from standard input (for --password-stdin), without the newline.
std::string read_stdin_line();

}  // namespace fuwu::cli
