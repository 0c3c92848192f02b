#include "store/postgres/connection.h"

#include <libpq-fe.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace fuwu::store::postgres::detail {
namespace {

// Type OIDs of pg_type (stable since PostgreSQL 7; the server headers are not installed).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

// Statements are prepared per connection; SQL built from varying text would grow the set without
// bound, so it is dropped wholesale past this size.
constexpr std::size_t kMaxPrepared = 512;

struct ClearResult {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

std::string diag(const PGresult* r, int code) {
  const char* v = r != nullptr ? PQresultErrorField(r, code) : nullptr;
  return v != nullptr ? v : "";
}

std::string shorten(std::string_view sql) {
  constexpr std::size_t kMax = 160;
  std::string s(sql.substr(0, kMax));
  if (sql.size() > kMax) s += " ...";
  return s;
}

Error translate(PGconn* conn, const PGresult* r, std::string_view sql) {
  if (PQstatus(conn) == CONNECTION_BAD) {
    Error e(ErrorCode::unavailable, "the database connection was lost");
    e.subject = std::string(kConnectionSubject);
    e.retry_after_seconds = 1;
    return e;
  }
  const std::string state = diag(r, PG_DIAG_SQLSTATE);
  const std::string constraint = diag(r, PG_DIAG_CONSTRAINT_NAME);
  const auto with_subject = [](ErrorCode code, std::string message, std::string subject) {
    Error e(code, std::move(message));
    e.subject = std::move(subject);
    return e;
  };
  if (state == "23505") {
    return with_subject(ErrorCode::conflict,
                        "a record with the same " + constraint + " already exists", constraint);
  }
  if (state == "23503") {
    return with_subject(ErrorCode::validation_failed,
                        "a referenced record does not exist, or the record is still referenced",
                        constraint);
  }
  if (state == "23514") {
    return with_subject(ErrorCode::validation_failed, "a value breaks the rule " + constraint,
                        constraint);
  }
  if (state == "23502") {
    const std::string column = diag(r, PG_DIAG_TABLE_NAME) + "." + diag(r, PG_DIAG_COLUMN_NAME);
    return with_subject(ErrorCode::validation_failed, "a required value is missing: " + column,
                        column);
  }
  if (state == "40001" || state == "40P01") {
    Error e = with_subject(ErrorCode::unavailable, "a concurrent change got in the way; retry",
                           std::string(kRetrySubject));
    e.retry_after_seconds = 1;
    return e;
  }
  if (state.starts_with("08") || state.starts_with("57P")) {
    Error e = with_subject(ErrorCode::unavailable, "the database is not reachable",
                           std::string(kConnectionSubject));
    e.retry_after_seconds = 1;
    return e;
  }
  if (state == "55P03") {
    Error e = with_subject(ErrorCode::unavailable, "the database is busy; retry", "database_busy");
    e.retry_after_seconds = 1;
    return e;
  }
  std::string message = r != nullptr ? diag(r, PG_DIAG_MESSAGE_PRIMARY) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n')
    message.pop_back();
  return Error(ErrorCode::internal, "postgres: " + message +
                                        (state.empty() ? "" : " (SQLSTATE " + state + ")") +
                                        (sql.empty() ? "" : " in: " + shorten(sql)));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// bytea in text format is "\x" followed by hex digits (bytea_output = hex, the default).
std::string decode_bytea(const char* text, int length) {
  std::string out;
  if (length < 2) return out;
  out.reserve(static_cast<std::size_t>(length - 2) / 2);
  for (int i = 2; i + 1 < length; i += 2) {
    out.push_back(static_cast<char>(hex_digit(text[i]) * 16 + hex_digit(text[i + 1])));
  }
  return out;
}

Value column(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col) != 0) return Null{};
  const char* text = PQgetvalue(r, row, col);
  const int length = PQgetlength(r, row, col);
  switch (PQftype(r, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid:
      return std::int64_t{std::strtoll(text, nullptr, 10)};
    case kFloat8Oid:
    case kFloat4Oid:
      return std::strtod(text, nullptr);
    case kBoolOid:
      return std::int64_t{text[0] == 't' ? 1 : 0};
    case kByteaOid:
      return Blob{decode_bytea(text, length)};
    default:
      return std::string(text, static_cast<std::size_t>(length));
  }
}

std::string format_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

// Parameters in libpq's shape: text for everything but blobs, which go in binary so that any
// byte (NUL included) survives.
struct Encoded {
  std::vector<std::string> owned;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;

  explicit Encoded(std::span<const Value> params) {
    owned.reserve(params.size());
    for (const Value& v : params) {
      if (const auto* i = std::get_if<std::int64_t>(&v)) {
        add(owned.emplace_back(std::to_string(*i)), 0);
      } else if (const auto* d = std::get_if<double>(&v)) {
        add(owned.emplace_back(format_double(*d)), 0);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        add(*s, 0);
      } else if (const auto* b = std::get_if<Blob>(&v)) {
        add(b->bytes, 1);
      } else {
        values.push_back(nullptr);
        lengths.push_back(0);
        formats.push_back(0);
      }
    }
  }
  void add(const std::string& s, int format) {
    values.push_back(s.c_str());
    lengths.push_back(static_cast<int>(s.size()));
    formats.push_back(format);
  }
};

void ignore_notice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::connect(const std::string& url,
                                                        int timeout_seconds) {
  const std::string timeout = std::to_string(timeout_seconds);
  // The URL comes first and is expanded; the keywords after it override what it says.
  const char* keys[] = {"dbname", "connect_timeout", "client_encoding", "application_name",
                        nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), "UTF8", "fuwu", nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (conn == nullptr) return Error(ErrorCode::internal, "postgres: out of memory connecting");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n')
      message.pop_back();
    PQfinish(conn);
    Error e(ErrorCode::unavailable, "cannot connect to PostgreSQL: " + message);
    e.subject = std::string(kConnectionSubject);
    e.retry_after_seconds = 1;
    return e;
  }
  // Notices ("table does not exist, skipping") would go to stderr by default.
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  std::unique_ptr<Connection> c(new Connection(conn));
  // decode_bytea() reads the hex format, whatever the server's default says.
  TRY_VOID(c->command("SET TIME ZONE 'UTC'; SET bytea_output = 'hex'"));
  return c;
}

Connection::~Connection() {
  PQfinish(conn_);
}

bool Connection::healthy() const {
  return PQstatus(conn_) == CONNECTION_OK;
}

Status Connection::command(std::string_view sql) {
  const std::string text(sql);
  ResultPtr r(PQexec(conn_, text.c_str()));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return translate(conn_, r.get(), sql);
  }
  return {};
}

Status Connection::exec_script(std::string_view sql) {
  return command(sql);
}

Status Connection::commit() {
  ResultPtr r(PQexec(conn_, "COMMIT"));
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) return translate(conn_, r.get(), "COMMIT");
  if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") {
    return Error(ErrorCode::internal,
                 "postgres: the transaction was rolled back: a statement in it had failed");
  }
  return {};
}

Result<const Connection::Prepared*> Connection::prepare(std::string_view sql) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
  if (prepared_.size() >= kMaxPrepared) {
    TRY_VOID(command("DEALLOCATE ALL"));
    prepared_.clear();
  }
  std::string text(sql);
  Prepared p;
  p.name = "fuwu_" + std::to_string(++next_statement_);
  // No parameter types: the server infers them from the statement, as it would for literals.
  ResultPtr r(PQprepare(conn_, p.name.c_str(), text.c_str(), 0, nullptr));
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) return translate(conn_, r.get(), sql);
  ResultPtr d(PQdescribePrepared(conn_, p.name.c_str()));
  if (!d || PQresultStatus(d.get()) != PGRES_COMMAND_OK) return translate(conn_, d.get(), sql);
  p.params = PQnparams(d.get());
  auto [it, inserted] = prepared_.emplace(std::move(text), std::move(p));
  return &it->second;
}

Status Connection::run(std::string_view sql, std::span<const Value> params, Rows* rows,
                       std::int64_t* changed) {
  const Prepared* p = TRY(prepare(sql));
  if (params.size() != static_cast<std::size_t>(p->params)) {
    return Error(ErrorCode::internal, "postgres: statement takes " + std::to_string(p->params) +
                                          " parameters, " + std::to_string(params.size()) +
                                          " given, in: " + shorten(sql));
  }
  const Encoded e(params);
  ResultPtr r(PQexecPrepared(conn_, p->name.c_str(), p->params, e.values.data(), e.lengths.data(),
                             e.formats.data(), 0));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return translate(conn_, r.get(), sql);
  }
  if (rows != nullptr) {
    const int n = PQntuples(r.get());
    const int columns = PQnfields(r.get());
    rows->reserve(static_cast<std::size_t>(n));
    for (int row = 0; row < n; ++row) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int col = 0; col < columns; ++col)
        values.push_back(column(r.get(), row, col));
      rows->emplace_back(std::move(values));
    }
  }
  if (changed != nullptr) {
    // Like SQLite: only INSERT / UPDATE / DELETE report changed rows.
    const std::string_view tag = PQcmdStatus(r.get());
    const bool dml = tag.starts_with("INSERT") || tag.starts_with("UPDATE") ||
                     tag.starts_with("DELETE") || tag.starts_with("MERGE");
    *changed = dml ? std::strtoll(PQcmdTuples(r.get()), nullptr, 10) : 0;
  }
  return {};
}

Result<Rows> Connection::query(std::string_view sql, std::span<const Value> params) {
  Rows rows;
  TRY_VOID(run(sql, params, &rows, nullptr));
  return rows;
}

Result<std::int64_t> Connection::exec(std::string_view sql, std::span<const Value> params) {
  std::int64_t changed = 0;
  TRY_VOID(run(sql, params, nullptr, &changed));
  return changed;
}

}  // namespace fuwu::store::postgres::detail
