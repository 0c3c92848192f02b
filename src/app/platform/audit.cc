#include "app/platform/audit.h"

#include <array>

namespace fuwu::app {

void ChangeSet::add(std::string field, std::optional<std::string> old_value,
                    std::optional<std::string> new_value) {
  if (old_value == new_value) return;
  changes_.push_back({std::move(field), std::move(old_value), std::move(new_value)});
}

Status write_audit(store::Executor& ex, const Actor& actor, Instant at,
                   std::string_view record_type, std::int64_t record_id, std::string_view action,
                   const std::vector<FieldChange>& changes) {
  const auto& p = actor.principal;
  auto rows = TRY(ex.query(
      "INSERT INTO audit_entries (at, actor_id, actor_login, via, request_id, record_type, "
      "record_id, action) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {format_rfc3339(at), p.user_id ? store::Value(p.user_id) : store::Value(store::Null{}),
       p.login, actor.via, actor.request_id, std::string(record_type), record_id,
       std::string(action)}));
  const std::int64_t entry = rows.at(0).i64(0);
  // The changes go in statements of up to kPerInsert rows (one statement per row was a third of
  // an audited write's cost); each row count has its own prepared text.
  constexpr std::size_t kPerInsert = 8;
  static const std::array<std::string, kPerInsert + 1> kInserts = [] {
    std::array<std::string, kPerInsert + 1> texts;
    for (std::size_t n = 1; n <= kPerInsert; ++n) {
      std::string& sql = texts[n];
      sql = "INSERT INTO audit_changes (entry_id, field, old_value, new_value) VALUES ";
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t slot = 2 + 3 * i;
        sql += (i ? ", ($1, $" : "($1, $") + std::to_string(slot) + ", $" +
               std::to_string(slot + 1) + ", $" + std::to_string(slot + 2) + ")";
      }
    }
    return texts;
  }();
  std::vector<store::Value> values{entry};
  auto flush = [&]() -> Status {
    const std::size_t n = (values.size() - 1) / 3;
    if (n > 0) TRY_VOID(ex.exec(kInserts[n], values));
    values.resize(1);
    return {};
  };
  for (const auto& c : changes) {
    if (c.old_value == c.new_value) continue;
    values.push_back(c.field);
    values.push_back(store::opt(c.old_value));
    values.push_back(store::opt(c.new_value));
    if (values.size() == 1 + 3 * kPerInsert) TRY_VOID(flush());
  }
  return flush();
}

Result<std::vector<AuditEntry>> read_audit(store::Executor& ex, std::string_view record_type,
                                           std::int64_t record_id, std::int64_t after_id,
                                           int limit) {
  auto rows = TRY(ex.query(
      "SELECT id, at, actor_id, actor_login, via, request_id, record_type, record_id, action "
      "FROM audit_entries WHERE record_type = $1 AND record_id = $2 AND id > $3 "
      "ORDER BY id LIMIT $4",
      {std::string(record_type), record_id, after_id, std::int64_t{limit}}));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    AuditEntry e;
    e.id = r.i64(0);
    e.at = parse_rfc3339(r.text(1)).value_or(Instant{});
    e.actor_id = r.i64(2);
    e.actor_login = r.text(3);
    e.via = r.text(4);
    e.request_id = r.text(5);
    e.record_type = r.text(6);
    e.record_id = r.i64(7);
    e.action = r.text(8);
    auto changes = TRY(ex.query(
        "SELECT field, old_value, new_value FROM audit_changes WHERE entry_id = $1 ORDER BY id",
        {e.id}));
    for (const auto& c : changes) {
      e.changes.push_back({c.text(0), c.opt_text(1), c.opt_text(2)});
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace fuwu::app
