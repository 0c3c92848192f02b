// Bulk inserts for the seeders (app/seed): many rows in one statement per write unit.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql.h"

namespace fuwu::app {

// Inserts many rows with one statement per write unit: the rows travel as one JSON array
// parameter ([[v1, v2, ...], ...]) that the statement unpacks (json_each on SQLite,
// json_array_elements on PostgreSQL). One statement matters on SQLite: the full-text index flushes
// its pending terms into a new segment at the end of every statement that writes to it, and every
// statement's journal bookkeeping and parameter binding have a cost per statement.
class BulkInsert {
 public:
  // `columns`: name and PostgreSQL type of each column, in order.
  BulkInsert(store::DialectKind dialect, std::string_view table,
             std::vector<std::pair<std::string, std::string>> columns) {
    sql_ = "INSERT INTO " + std::string(table) + " (";
    std::string select;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) {
        sql_ += ", ";
        select += ", ";
      }
      sql_ += columns[i].first;
      const std::string at = std::to_string(i);
      select += dialect == store::DialectKind::sqlite ? "value ->> " + at
                                                      : "(e ->> " + at + ")::" + columns[i].second;
    }
    sql_ += ") SELECT " + select +
            (dialect == store::DialectKind::sqlite ? " FROM json_each($1)"
                                                   : " FROM json_array_elements($1::json) AS e");
  }
  BulkInsert& row() {
    json_ += json_.empty() ? "[[" : "],[";
    first_ = true;
    ++rows_;
    return *this;
  }
  BulkInsert& add(std::int64_t v) {
    sep();
    json_ += std::to_string(v);
    return *this;
  }
  BulkInsert& add(std::string_view text) {
    sep();
    json_ += '"';
    for (unsigned char c : text) {
      if (c == '"' || c == '\\') {
        json_ += '\\';
        json_ += static_cast<char>(c);
      } else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        json_ += buf;
      } else {
        json_ += static_cast<char>(c);
      }
    }
    json_ += '"';
    return *this;
  }
  BulkInsert& add(const char* text) { return add(std::string_view(text)); }
  BulkInsert& add(const std::string& text) { return add(std::string_view(text)); }
  // NULL when absent.
  BulkInsert& opt(const std::optional<std::string>& v) {
    if (!v) return null();
    return add(std::string_view(*v));
  }
  // An id, NULL when 0.
  BulkInsert& id(std::int64_t v) { return v ? add(v) : null(); }
  BulkInsert& null() {
    sep();
    json_ += "null";
    return *this;
  }
  Status flush(store::Executor& ex) {
    if (rows_ == 0) return {};
    json_ += "]]";
    TRY_VOID(ex.exec(sql_, {json_}));
    json_.clear();
    rows_ = 0;
    return {};
  }

 private:
  void sep() {
    if (!first_) json_ += ',';
    first_ = false;
  }
  std::string sql_;
  std::string json_;
  std::size_t rows_ = 0;
  bool first_ = true;
};

// Reserves `count` ids of `table` (ascending) for rows inserted with explicit ids; returns the
// first.
Result<std::int64_t> reserve_ids(store::Executor& ex, std::string_view table, std::int64_t count);
// Reserves `count` numbers of the (kind, year) ticket counter; returns the first.
Result<std::int64_t> reserve_numbers(store::Executor& ex, const std::string& kind, int year,
                                     std::int64_t count);

}  // namespace fuwu::app
