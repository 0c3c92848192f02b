// Internal to the SQLite backend: one sqlite3 connection as a store::Executor.
//
// A Connection owns its sqlite3 handle and a cache of prepared statements keyed by SQL text.
// It is not thread-safe: one thread at a time uses it (the writer thread, or the caller that
// borrowed a reader from the pool). Only files in src/store/sqlite/ include this header; it names
// the driver's types by forward declaration so that <sqlite3.h> stays inside the .cc files.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fuwu::store::sqlite::detail {

enum class Access {
  read_write,  // creates the file if absent
  read_only,   // the file must exist; writes fail
};

class Connection final : public Executor {
 public:
  // Opens `path` with extended result codes and the given busy timeout. No pragmas beyond that:
  // the caller configures journal mode, synchronous and the rest.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, Access access,
                                                  int busy_timeout_ms);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Executor. Statements use $1, $2 ... placeholders; exactly as many parameters as the highest
  // placeholder number must be given.
  using Executor::exec;
  using Executor::query;
  Result<Rows> query(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> exec(std::string_view sql, std::span<const Value> params) override;
  Status exec_script(std::string_view sql) override;
  DialectKind dialect() const override { return DialectKind::sqlite; }

  // Runs a statement without parameters through the statement cache (BEGIN, SAVEPOINT, COMMIT).
  Status control(std::string_view sql) { return run(sql, {}, nullptr); }

  // A one-value pragma or query, as text ("wal", "ok").
  Result<std::string> query_text(std::string_view sql);

  // True when no transaction is open (SQLite rolls a transaction back by itself after some
  // errors, e.g. a full disk; the writer must notice that).
  bool in_autocommit() const;

  // True when the open transaction holds foreign-key violations that a deferred constraint would
  // only report at COMMIT, failing every unit of the batch.
  bool has_deferred_violations() const;
  // Whether the main schema has this table (from the parsed schema: no query).
  bool has_table(const char* name) const;

  sqlite3* handle() const { return db_; }

 private:
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    // slot_param[i] is the index into the caller's parameters for SQLite's slot i + 1.
    std::vector<std::size_t> slot_param;
    std::size_t params_needed = 0;
    // "INSERT INTO t (...) VALUES (...) RETURNING id" prepared without its RETURNING clause, the
    // id read back as the row's rowid (see rowid_returning in connection.cc).
    bool returns_rowid = false;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  explicit Connection(sqlite3* db) : db_(db) {}
  Result<Prepared*> prepare(std::string_view sql);
  // Binds, steps to the end (collecting rows into `rows` when given), resets.
  Status run(std::string_view sql, std::span<const Value> params, Rows* rows);
  void clear_cache();

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> cache_;
};

// Translates the driver's failure `rc` on `db` into an Error as store/sql.h documents:
// constraint violations become conflict / validation_failed with a subject, busy and locked
// become unavailable, everything else internal. `context` (e.g. the SQL) goes into internal
// messages only.
Error translate_error(sqlite3* db, int rc, std::string_view context);
// The error of a foreign-key violation (SQLite does not say which key).
Error foreign_key_error();

}  // namespace fuwu::store::sqlite::detail
