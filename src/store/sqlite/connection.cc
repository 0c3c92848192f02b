#include "store/sqlite/connection.h"

#include <sqlite3.h>

#include <charconv>
#include <mutex>

#include "store/sqlite/fts_tokenizer.h"

namespace fuwu::store::sqlite::detail {
namespace {

// Prepared statements are kept per connection; SQL built from varying text (which repositories
// should not do) would grow the cache without bound, so it is dropped wholesale past this size.
constexpr std::size_t kMaxCachedStatements = 512;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n;");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n;");
  return s.substr(first, last - first + 1);
}

std::string shorten(std::string_view sql) {
  constexpr std::size_t kMax = 160;
  std::string s(trim(sql).substr(0, kMax));
  if (trim(sql).size() > kMax) s += " ...";
  return s;
}

// "UNIQUE constraint failed: tickets.number" -> "tickets.number";
// "UNIQUE constraint failed: index 'tickets_number'" -> "tickets_number";
// "FOREIGN KEY constraint failed" -> "" (SQLite does not name the foreign key).
std::string constraint_subject(std::string_view message) {
  constexpr std::string_view kMarker = "constraint failed: ";
  const auto at = message.find(kMarker);
  if (at == std::string_view::npos) return {};
  std::string_view subject = message.substr(at + kMarker.size());
  constexpr std::string_view kIndex = "index '";
  if (subject.starts_with(kIndex) && subject.ends_with('\'')) {
    subject = subject.substr(kIndex.size(), subject.size() - kIndex.size() - 1);
  }
  return std::string(subject);
}

// The number of a "$N" parameter name, or 0 when the name is not of that form.
std::size_t dollar_number(const char* name) {
  if (name == nullptr || name[0] != '$') return 0;
  std::string_view digits(name + 1);
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return 0;
  return n;
}

int bind(sqlite3_stmt* stmt, int slot, const Value& value) {
  // SQLITE_STATIC: the caller's values outlive the statement's run (bindings are cleared
  // before run() returns), so SQLite need not copy them.
  if (const auto* i = std::get_if<std::int64_t>(&value)) return sqlite3_bind_int64(stmt, slot, *i);
  if (const auto* d = std::get_if<double>(&value)) return sqlite3_bind_double(stmt, slot, *d);
  if (const auto* s = std::get_if<std::string>(&value)) {
    return sqlite3_bind_text64(stmt, slot, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
  }
  if (const auto* b = std::get_if<Blob>(&value)) {
    // An empty blob must stay a blob, not become NULL.
    if (b->bytes.empty()) return sqlite3_bind_zeroblob(stmt, slot, 0);
    return sqlite3_bind_blob64(stmt, slot, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
  }
  return sqlite3_bind_null(stmt, slot);
}

Value column(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(stmt, i)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      if (p == nullptr) return std::string();  // out of memory converting the value
      return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
    }
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, i));
      return Blob{p == nullptr ? std::string() : std::string(p, n)};
    }
    default:
      return Null{};
  }
}

}  // namespace

Error foreign_key_error() {
  Error e(ErrorCode::validation_failed,
          "a referenced record does not exist, or the record is still referenced");
  e.subject = "foreign_key";
  return e;
}

Error translate_error(sqlite3* db, int rc, std::string_view context) {
  const std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID: {
      Error e(ErrorCode::conflict, "");
      e.subject = constraint_subject(message);
      e.message =
          "a record with the same " + (e.subject.empty() ? "key" : e.subject) + " already exists";
      return e;
    }
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return foreign_key_error();
    case SQLITE_CONSTRAINT_CHECK: {
      Error e(ErrorCode::validation_failed, "");
      e.subject = constraint_subject(message);
      e.message = "a value breaks the rule " + e.subject;
      return e;
    }
    case SQLITE_CONSTRAINT_NOTNULL: {
      Error e(ErrorCode::validation_failed, "");
      e.subject = constraint_subject(message);
      e.message = "a required value is missing: " + e.subject;
      return e;
    }
    default:
      break;
  }
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    Error e(ErrorCode::unavailable, "the database is busy; retry");
    e.subject = "database_busy";
    e.retry_after_seconds = 1;
    return e;
  }
  std::string text =
      "sqlite: " + message + " (" + sqlite3_errstr(rc) + ", code " + std::to_string(rc) + ")";
  if (!context.empty()) text += " in: " + shorten(context);
  return Error(ErrorCode::internal, std::move(text));
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, Access access,
                                                     int busy_timeout_ms) {
  // Before SQLite's first use in the process: no memory statistics. Nothing reads them, and
  // keeping them takes a process-wide mutex around every allocation SQLite makes (7 % of a bulk
  // load's CPU).
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  // NOMUTEX: a connection is used by one thread at a time (see the header), so SQLite's own
  // per-connection mutex is pure cost.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  flags |= access == Access::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                        : SQLITE_OPEN_READONLY;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = translate_error(db, rc, "");
    e.message = "cannot open SQLite database " + path + ": " + e.message;
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  auto connection = std::unique_ptr<Connection>(new Connection(db));
  // Full-text search tables use our tokenizer on every connection (readers and the writer).
  TRY_VOID(register_fuwu_tokenizer(db));
  return connection;
}

Connection::~Connection() {
  clear_cache();
  sqlite3_close_v2(db_);
}

void Connection::clear_cache() {
  for (auto& [sql, prepared] : cache_)
    sqlite3_finalize(prepared.stmt);
  cache_.clear();
}

bool Connection::in_autocommit() const {
  return sqlite3_get_autocommit(db_) != 0;
}

bool Connection::has_deferred_violations() const {
  int current = 0;
  int highwater = 0;
  sqlite3_db_status(db_, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0);
  return current != 0;
}

// The length of `sql` without its " RETURNING id" when the statement inserts exactly one row
// into a table whose id is its rowid (`id INTEGER PRIMARY KEY`): then the id is
// sqlite3_last_insert_rowid, and SQLite is spared RETURNING's machinery (an ephemeral table and
// a statement transaction per insert: a third of a small insert's cost). 0 when not so: an upsert,
// OR IGNORE/REPLACE, INSERT ... SELECT or several rows keep their RETURNING.
std::size_t rowid_returning(sqlite3* db, std::string_view sql) {
  constexpr std::string_view kInsert = "INSERT INTO ", kReturning = " RETURNING id";
  const std::string_view s = trim(sql);
  if (!s.starts_with(kInsert) || !s.ends_with(kReturning)) return 0;
  for (std::string_view unsafe : {"ON CONFLICT", "SELECT", "),", ") ,"}) {
    if (s.find(unsafe) != std::string_view::npos) return 0;
  }
  const std::string_view rest = s.substr(kInsert.size());
  const std::string table(rest.substr(0, rest.find_first_of(" (")));
  const char* type = nullptr;
  int primary_key = 0;
  if (sqlite3_table_column_metadata(db, "main", table.c_str(), "id", &type, nullptr, nullptr,
                                    &primary_key, nullptr) != SQLITE_OK ||
      primary_key == 0 || type == nullptr || sqlite3_stricmp(type, "INTEGER") != 0) {
    return 0;
  }
  return static_cast<std::size_t>(s.data() - sql.data()) + s.size() - kReturning.size();
}

bool Connection::has_table(const char* name) const {
  return sqlite3_table_column_metadata(db_, "main", name, nullptr, nullptr, nullptr, nullptr,
                                       nullptr, nullptr) == SQLITE_OK;
}

Result<Connection::Prepared*> Connection::prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return &it->second;
  if (cache_.size() >= kMaxCachedStatements) clear_cache();

  const std::size_t without_returning = rowid_returning(db_, sql);
  const std::string_view text = without_returning ? sql.substr(0, without_returning) : sql;
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) return translate_error(db_, rc, sql);
  if (stmt == nullptr) return Error(ErrorCode::internal, "sqlite: empty statement");
  if (!trim(std::string_view(tail, text.data() + text.size() - tail)).empty()) {
    sqlite3_finalize(stmt);
    return Error(
        ErrorCode::internal,
        "sqlite: one statement per call (use exec_script for several) in: " + shorten(sql));
  }

  Prepared prepared;
  prepared.stmt = stmt;
  prepared.returns_rowid = without_returning != 0;
  const int slots = sqlite3_bind_parameter_count(stmt);
  for (int slot = 1; slot <= slots; ++slot) {
    // SQLite sees $1 as a *named* parameter: map each slot to the number in its name, so that
    // "$2 ... $1" and a repeated "$1" bind the caller's values PostgreSQL-style. An anonymous
    // "?" takes its slot position.
    const char* name = sqlite3_bind_parameter_name(stmt, slot);
    std::size_t number = name == nullptr ? static_cast<std::size_t>(slot) : dollar_number(name);
    if (number == 0) {
      std::string bad(name);  // owned by the statement, which goes now
      sqlite3_finalize(stmt);
      return Error(ErrorCode::internal, "sqlite: unsupported placeholder " + bad +
                                            " (use $1, $2 ...) in: " + shorten(sql));
    }
    prepared.slot_param.push_back(number - 1);
    prepared.params_needed = std::max(prepared.params_needed, number);
  }
  auto [it, inserted] = cache_.emplace(std::string(sql), std::move(prepared));
  return &it->second;
}

Status Connection::run(std::string_view sql, std::span<const Value> params, Rows* rows) {
  Prepared* p = TRY(prepare(sql));
  sqlite3_stmt* stmt = p->stmt;
  if (params.size() != p->params_needed) {
    return Error(ErrorCode::internal,
                 "sqlite: statement takes " + std::to_string(p->params_needed) + " parameters, " +
                     std::to_string(params.size()) + " given, in: " + shorten(sql));
  }
  // Leaves the cached statement reusable whatever happens below.
  struct Reset {
    sqlite3_stmt* stmt;
    ~Reset() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
  } reset{stmt};

  for (std::size_t slot = 0; slot < p->slot_param.size(); ++slot) {
    const int rc = bind(stmt, static_cast<int>(slot + 1), params[p->slot_param[slot]]);
    if (rc != SQLITE_OK) return translate_error(db_, rc, sql);
  }
  if (p->returns_rowid) {
    const auto before = sqlite3_total_changes64(db_);
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE) return translate_error(db_, rc, sql);
    // Nothing inserted (a trigger's RAISE(IGNORE)), nothing returned, as RETURNING would.
    if (rows != nullptr && sqlite3_total_changes64(db_) != before) {
      rows->emplace_back(
          std::vector<Value>{static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_))});
    }
    return {};
  }
  const int columns = sqlite3_column_count(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return translate_error(db_, rc, sql);
    if (rows == nullptr) continue;
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i)
      values.push_back(column(stmt, i));
    rows->emplace_back(std::move(values));
  }
}

Result<Rows> Connection::query(std::string_view sql, std::span<const Value> params) {
  Rows rows;
  TRY_VOID(run(sql, params, &rows));
  return rows;
}

Result<std::int64_t> Connection::exec(std::string_view sql, std::span<const Value> params) {
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so a statement that
  // changes nothing (SELECT, CREATE, an UPDATE matching no row) would report a stale count: only
  // trust it when the running total moved.
  const auto before = sqlite3_total_changes64(db_);
  TRY_VOID(run(sql, params, nullptr));
  if (sqlite3_total_changes64(db_) == before) return std::int64_t{0};
  return std::int64_t{sqlite3_changes64(db_)};
}

Status Connection::exec_script(std::string_view sql) {
  // sqlite3_exec needs a NUL-terminated string.
  const std::string script(sql);
  char* raw_message = nullptr;
  const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &raw_message);
  sqlite3_free(raw_message);  // sqlite3_errmsg(db_) still holds the same text
  if (rc != SQLITE_OK) return translate_error(db_, rc, sql);
  return {};
}

Result<std::string> Connection::query_text(std::string_view sql) {
  auto rows = TRY(query(sql, std::span<const Value>()));
  if (rows.empty() || rows.front().size() == 0) return std::string();
  return rows.front().text(0);
}

}  // namespace fuwu::store::sqlite::detail
