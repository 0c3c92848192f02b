#include "app/platform/outbox.h"

namespace fuwu::app {

Status emit_event(store::Executor& ex, const Actor& actor, Instant at, std::string_view type,
                  std::string_view record_type, std::int64_t record_id,
                  std::string_view payload_json) {
  TRY_VOID(
      ex.exec("INSERT INTO outbox (at, event_type, record_type, record_id, payload, request_id) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
              {format_rfc3339(at), std::string(type), std::string(record_type), record_id,
               std::string(payload_json), actor.request_id}));
  return {};
}

Result<std::vector<Event>> read_events(store::Executor& ex, std::int64_t after_id, int limit) {
  auto rows = TRY(
      ex.query("SELECT id, at, event_type, record_type, record_id, payload, request_id FROM outbox "
               "WHERE id > $1 ORDER BY id LIMIT $2",
               {after_id, std::int64_t{limit}}));
  std::vector<Event> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back(Event{r.i64(0), parse_rfc3339(r.text(1)).value_or(Instant{}), r.text(2),
                        r.text(3), r.i64(4), r.text(5), r.text(6)});
  }
  return out;
}

Result<std::int64_t> consumer_cursor(store::Executor& ex, std::string_view consumer) {
  auto row = TRY(ex.query_one("SELECT last_id FROM outbox_cursors WHERE consumer = $1",
                              {std::string(consumer)}));
  return row ? row->i64(0) : std::int64_t{0};
}

Status advance_cursor(store::Executor& ex, std::string_view consumer, std::int64_t last_id) {
  TRY_VOID(
      ex.exec("INSERT INTO outbox_cursors (consumer, last_id) VALUES ($1, $2) "
              "ON CONFLICT (consumer) DO UPDATE SET last_id = excluded.last_id "
              "WHERE excluded.last_id > outbox_cursors.last_id",
              {std::string(consumer), last_id}));
  return {};
}

}  // namespace fuwu::app
