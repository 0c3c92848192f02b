#include "app/seed/bulk_insert.h"

namespace fuwu::app {

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
