// The SQL executor seam: the one way every repository talks to a database.
//
// Repositories write each query once, in PostgreSQL placeholder style ($1, $2 ...); each backend
// (store/sqlite, store/postgres) runs it. Only what really differs between dialects (full-text
// search, row locking, a few functions) is asked of the backend through Dialect.
//
// Errors from the driver are translated inside the backend into Error values with these codes:
//   conflict            unique or primary-key violation (Error::subject = constraint or column)
//   validation_failed   foreign-key, check or not-null violation (Error::subject = constraint)
//   unavailable         busy, locked, serialization failure, connection lost (retryable)
//   internal            anything else (I/O error, corruption, bad SQL: a bug)
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"

namespace fuwu::store {

struct Null {
  bool operator==(const Null&) const = default;
};
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

// A value bound as a parameter or read from a column.
using Value = std::variant<Null, std::int64_t, double, std::string, Blob>;

inline Value null_if_empty(std::string s) {
  if (s.empty()) return Null{};
  return Value(std::move(s));
}
template <typename T>
Value opt(const std::optional<T>& v) {
  if (!v) return Null{};
  return Value(*v);
}

// One result row. Column access is by index in SELECT order.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<Null>(values_.at(i)); }
  // Integer column; 0 when NULL.
  std::int64_t i64(std::size_t i) const;
  double f64(std::size_t i) const;
  // Text column; "" when NULL.
  const std::string& text(std::size_t i) const;
  // Blob column (text columns are accepted too); "" when NULL.
  const std::string& bytes(std::size_t i) const;
  std::optional<std::int64_t> opt_i64(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return i64(i);
  }
  std::optional<std::string> opt_text(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return text(i);
  }
  const Value& value(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

enum class DialectKind { sqlite, postgres };

// Runs statements on one connection, inside whatever transaction the caller of Database opened.
// Not thread-safe: an Executor belongs to the unit of work it was handed to.
class Executor {
 public:
  virtual ~Executor() = default;

  // Runs a statement and returns every row it produced (also for INSERT ... RETURNING).
  virtual Result<Rows> query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<std::int64_t> exec(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a script of several statements with no parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  virtual DialectKind dialect() const = 0;

  // Conveniences.
  Result<Rows> query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<std::int64_t> exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    return exec(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // The first row, or nullopt when there is none.
  Result<std::optional<Row>> query_one(std::string_view sql,
                                       std::initializer_list<Value> params = {});
};

using Unit = std::function<Status(Executor&)>;

struct DatabaseStats {
  std::uint64_t commits = 0;  // transactions committed by the writer
  std::uint64_t units = 0;    // write units acknowledged
  std::uint64_t batch_histogram[8] =
      {};  // batches of size 1, 2-3, 4-7, 8-15, 16-31, 32-63, 64-127, 128+
};

// A database: readers and one logical writer.
//
// Thread-safety: read() and write() may be called from any thread concurrently; they block the
// calling thread until done. Never call them from inside a Unit.
class Database {
 public:
  virtual ~Database() = default;

  // Runs `unit` on a reader connection inside a read transaction (one consistent snapshot).
  // Writes inside it fail.
  virtual Status read(const Unit& unit) = 0;

  // Runs `unit` inside a write transaction and returns once its effects are durable. On SQLite
  // concurrent units are grouped into one commit (group commit), each in its own SAVEPOINT: a
  // unit that returns an error is rolled back alone and its error returned; the others commit.
  // Nobody is acknowledged before the commit returns. If the commit itself fails, every unit of
  // the batch gets the error. A unit may be run more than once when the backend retries a
  // serialization failure, so it must keep all its effects inside the executor.
  virtual Status write(const Unit& unit) = 0;

  virtual DialectKind dialect() const = 0;
  virtual DatabaseStats stats() const = 0;
  // A cheap liveness check for /readyz.
  virtual Status ping() = 0;
};

// For backends implementing Database.
//
// Runs `unit` on `ex` and marks the calling thread as inside a unit while it runs. A unit that
// throws is a bug; the exception is turned into an internal error of that unit alone (on a
// writer thread it would otherwise end the process).
Status run_unit(const Unit& unit, Executor& ex);
// True while the calling thread runs a unit: Database::read() and write() then return
// refuse_nested() instead of deadlocking on a pool or a writer thread held by the caller.
bool inside_unit();
Error refuse_nested(std::string_view what);

}  // namespace fuwu::store
