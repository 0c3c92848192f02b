#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/tickets/relations.h"

namespace fuwu::app {

Status move_ticket(store::Executor& ex, const Ticket& t, Instant now, std::int64_t expected_version,
                   std::int64_t group_id, std::int64_t assignee, ChangeSet& changes) {
  auto optional_id = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  const auto updated = TRY(ex.exec(
      "UPDATE tickets SET group_id = $3, assignee_id = $4, version = version + 1, updated_at = $5 "
      "WHERE id = $1 AND version = $2",
      {t.id, expected_version, optional_id(group_id), optional_id(assignee), format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  changes.add("group_id", id_text(t.group_id), id_text(group_id));
  changes.add("assignee_id", id_text(t.assignee_id), id_text(assignee));
  return ok_status();
}

Result<Ticket> announce_ticket_change(store::Executor& ex, const Actor& actor, Instant now,
                                      std::int64_t ticket_id, std::string_view event_type,
                                      std::string_view payload_json) {
  TRY_VOID(emit_event(ex, actor, now, event_type, "ticket", ticket_id, payload_json));
  TRY_VOID(index_ticket(ex, ticket_id));
  auto reloaded = TRY(find_ticket(ex, ticket_id));
  return *reloaded;
}

}  // namespace fuwu::app
