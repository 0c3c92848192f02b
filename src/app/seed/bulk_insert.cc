#include "app/seed/bulk_insert.h"

#include <algorithm>
#include <cstdio>

namespace fuwu::app {
namespace {

// Rows per SQLite statement: few statements (each has its journal and VDBE set-up), well under
// the 32,766 parameters SQLite allows.
constexpr std::size_t kChunk = 32;

std::string values_sql(const std::string& head, std::size_t columns, std::size_t rows) {
  std::string row = "(";
  for (std::size_t c = 0; c < columns; ++c)
    row += c ? ",?" : "?";
  row += ')';
  std::string sql = head + " VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) sql += ',';
    sql += row;
  }
  return sql;
}

}  // namespace

BulkInsert::BulkInsert(store::DialectKind dialect, std::string_view table,
                       std::vector<std::pair<std::string, std::string>> columns)
    : dialect_(dialect), table_(table), columns_(std::move(columns)) {}

BulkInsert& BulkInsert::row() {
  if (dialect_ == store::DialectKind::postgres) json_ += json_.empty() ? "[[" : "],[";
  first_ = true;
  ++rows_;
  return *this;
}

void BulkInsert::sep() {
  if (!first_ && dialect_ == store::DialectKind::postgres) json_ += ',';
  first_ = false;
}

BulkInsert& BulkInsert::add(std::int64_t v) {
  sep();
  if (dialect_ == store::DialectKind::sqlite) {
    values_.emplace_back(v);
  } else {
    json_ += std::to_string(v);
  }
  return *this;
}

BulkInsert& BulkInsert::add(std::string_view text) {
  sep();
  if (dialect_ == store::DialectKind::sqlite) {
    values_.emplace_back(std::string(text));
    return *this;
  }
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

BulkInsert& BulkInsert::add(std::string&& text) {
  if (dialect_ != store::DialectKind::sqlite) return add(std::string_view(text));
  sep();
  values_.emplace_back(std::move(text));
  return *this;
}

BulkInsert& BulkInsert::null() {
  sep();
  if (dialect_ == store::DialectKind::sqlite) {
    values_.emplace_back(store::Null{});
  } else {
    json_ += "null";
  }
  return *this;
}

Status BulkInsert::flush(store::Executor& ex) {
  TRY_VOID(insert(ex));
  json_.clear();
  values_.clear();
  rows_ = 0;
  return {};
}

Status BulkInsert::insert(store::Executor& ex) const {
  if (rows_ == 0) return {};
  std::string head = "INSERT INTO " + table_ + " (";
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i) head += ", ";
    head += columns_[i].first;
  }
  head += ')';
  if (dialect_ == store::DialectKind::postgres) {
    std::string select;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i) select += ", ";
      select += "(e ->> " + std::to_string(i) + ")::" + columns_[i].second;
    }
    TRY_VOID(ex.exec(head + " SELECT " + select + " FROM json_array_elements($1::json) AS e",
                     {json_ + "]]"}));
    return {};
  }
  const std::size_t width = columns_.size();
  if (values_.size() != rows_ * width) {
    return Error(ErrorCode::internal, "bulk insert into " + table_ + ": " +
                                          std::to_string(values_.size()) + " values for " +
                                          std::to_string(rows_) + " rows");
  }
  const std::string chunk_sql = values_sql(head, width, std::min(kChunk, rows_));
  const std::string one_sql = values_sql(head, width, 1);
  std::size_t at = 0;
  for (std::size_t left = rows_; left > 0;) {
    const std::size_t n = left >= kChunk ? kChunk : (left == rows_ ? left : 1);
    const std::span<const store::Value> part(values_.data() + at, n * width);
    TRY_VOID(ex.exec(n == 1 ? one_sql : chunk_sql, part));
    at += n * width;
    left -= n;
  }
  return {};
}

Result<std::int64_t> reserve_ids(store::Executor& ex, std::string_view table, std::int64_t count) {
  if (ex.dialect() == store::DialectKind::postgres) {
    const std::string seq = "pg_get_serial_sequence('" + std::string(table) + "', 'id')";
    auto last = TRY(ex.query_one("SELECT setval(" + seq + ", GREATEST((SELECT COALESCE(MAX(id), " +
                                     "0) FROM " + std::string(table) + "), nextval(" + seq +
                                     ")) + $1, true)",
                                 {count}));
    return last->i64(0) - count + 1;
  }
  auto max = TRY(ex.query_one("SELECT COALESCE(MAX(id), 0) FROM " + std::string(table)));
  return max->i64(0) + 1;
}

Result<std::int64_t> reserve_numbers(store::Executor& ex, const std::string& kind, int year,
                                     std::int64_t count) {
  auto last = TRY(
      ex.query_one("INSERT INTO ticket_counters (kind, year, last_sequence) VALUES ($1, $2, $3) "
                   "ON CONFLICT (kind, year) DO UPDATE SET last_sequence = "
                   "ticket_counters.last_sequence + $3 RETURNING last_sequence",
                   {kind, std::int64_t{year}, count}));
  return last->i64(0) - count + 1;
}

}  // namespace fuwu::app
