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

// check_current: fails with a clear message when the schema is behind ("run fuwu migrate").
// cache_mb and mmap_mb: SQLite's memory per connection (store::sqlite::Options); ignored for
// PostgreSQL.
Result<OpenedDatabase> open_database(const std::string& url, MigrateMode mode,
                                     bool synchronous_full = true, int cache_mb = 16,
                                     int mmap_mb = 0);

// Prints `error` as "fuwu: <message>" (with field details) to stderr and throws
// CLI::RuntimeError(exit_code).
[[noreturn]] void fail(const Error& error, int exit_code = 2);

// Reads a whole line from standard input (for --password-stdin), without the newline.
std::string read_stdin_line();

}  // namespace fuwu::cli
