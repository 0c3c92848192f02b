// Bulk inserts for the seeders (app/seed): many rows with few statements.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql.h"

namespace fuwu::app {

// Collects rows for one table and inserts them with few statements. The rows may be collected
// on any thread, outside the write unit; flush() runs in it.
//
// SQLite: the values are bound as they are (no copy, no parsing) to a multi-row
// `INSERT … VALUES (…), (…)` of kChunk rows, prepared once and cached by the connection.
// PostgreSQL: the rows travel as one JSON array parameter ([[v1, v2, ...], ...]) that the
// statement unpacks with json_array_elements: one round trip per table.
class BulkInsert {
 public:
  // `columns`: name and PostgreSQL type of each column, in order.
  BulkInsert(store::DialectKind dialect, std::string_view table,
             std::vector<std::pair<std::string, std::string>> columns);

  BulkInsert& row();
  BulkInsert& add(std::int64_t v);
  BulkInsert& add(std::string_view text);
  BulkInsert& add(const char* text) { return add(std::string_view(text)); }
  BulkInsert& add(const std::string& text) { return add(std::string_view(text)); }
  BulkInsert& add(std::string&& text);
  // NULL when absent.
  BulkInsert& opt(const std::optional<std::string>& v) {
    if (!v) return null();
    return add(std::string_view(*v));
  }
  // An id, NULL when 0.
  BulkInsert& id(std::int64_t v) { return v ? add(v) : null(); }
  BulkInsert& null();

  // Inserts the rows collected so far.
  Status insert(store::Executor& ex) const;
  // Inserts the rows collected so far and forgets them.
  Status flush(store::Executor& ex);

 private:
  void sep();

  store::DialectKind dialect_;
  std::string table_;
  std::vector<std::pair<std::string, std::string>> columns_;
  std::size_t rows_ = 0;
  std::vector<store::Value> values_;  // SQLite: row after row
  std::string json_;                  // PostgreSQL
  bool first_ = true;
};

// Reserves `count` ids of `table` (ascending) for rows inserted with explicit ids; returns the
// first.
Result<std::int64_t> reserve_ids(store::Executor& ex, std::string_view table, std::int64_t count);
// Reserves `count` numbers of the (kind, year) ticket counter; returns the first.
Result<std::int64_t> reserve_numbers(store::Executor& ex, const std::string& kind, int year,
                                     std::int64_t count);

}  // namespace fuwu::app
