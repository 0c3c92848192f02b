// Internal to the PostgreSQL backend: one libpq connection as a store::Executor.
//
// A Connection owns its PGconn and the statements it prepared (named per connection, keyed by
// SQL text). It is not thread-safe: one thread at a time uses it (the caller that borrowed it
// from the pool). Only files in src/store/postgres/ include this header; libpq's types are
// forward-declared so that <libpq-fe.h> stays inside the .cc files.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql.h"

struct pg_conn;

namespace fuwu::store::postgres::detail {

// Error::subject of the errors a write unit is retried for (serialization failure, deadlock).
inline constexpr std::string_view kRetrySubject = "serialization_failure";
// Error::subject when the server connection was lost or could not be made.
inline constexpr std::string_view kConnectionSubject = "connection_lost";

class Connection final : public Executor {
 public:
  // Connects to `url` (postgresql://...), with UTF-8 and the UTC time zone for the session.
  static Result<std::unique_ptr<Connection>> connect(const std::string& url, int timeout_seconds);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Executor. Statements use $1, $2 ...; exactly as many parameters as the statement declares.
  using Executor::exec;
  using Executor::query;
  Result<Rows> query(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> exec(std::string_view sql, std::span<const Value> params) override;
  Status exec_script(std::string_view sql) override;
  DialectKind dialect() const override { return DialectKind::postgres; }

  // Transaction control and other parameterless commands (simple protocol, not prepared).
  Status command(std::string_view sql);
  // COMMIT, failing when the server rolled back instead (an earlier statement failed and the unit
  // went on as if it had not).
  Status commit();
  // False once the server connection is gone; the pool then drops this connection.
  bool healthy() const;

 private:
  struct Prepared {
    std::string name;
    int params = 0;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Result<const Prepared*> prepare(std::string_view sql);
  Status run(std::string_view sql, std::span<const Value> params, Rows* rows,
             std::int64_t* changed);

  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> prepared_;
  std::uint64_t next_statement_ = 0;
};

}  // namespace fuwu::store::postgres::detail
