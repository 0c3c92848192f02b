#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/tickets/relations.h"

namespace fuwu::app {
namespace {

const char* line_label(std::int64_t line) {
  switch (line) {
    case 1:
      return "一线 / first line";
    case 2:
      return "二线 / second line";
    default:
      return "三线 / third line";
  }
}

}  // namespace

Result<Ticket> escalate_ticket(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t ticket_id, std::int64_t expected_version,
                               std::int64_t group_id, std::string_view reason, bool round_robin) {
  const Ticket t = TRY(ticket_for_write(ex, actor, ticket_id, expected_version));
  if (t.state_category == "closed" || t.state_category == "resolved") {
    return Error(ErrorCode::conflict, "a resolved or closed ticket is not escalated; reopen it");
  }
  if (reason.empty()) {
    return Error(ErrorCode::validation_failed, "say why the ticket is escalated")
        .with_field("reason", "required", "the reason goes into the journal");
  }
  auto target = TRY(ex.query_one("SELECT line, name FROM groups WHERE id = $1", {group_id}));
  if (!target) {
    return Error(ErrorCode::validation_failed, "the group is not valid")
        .with_field("group_id", "not_found", "no such group");
  }
  std::int64_t from_line = 0;
  std::string from_name;
  if (t.group_id) {
    auto current = TRY(ex.query_one("SELECT line, name FROM groups WHERE id = $1", {t.group_id}));
    if (current) {
      from_line = current->i64(0);
      from_name = current->text(1);
    }
  }
  const std::int64_t to_line = target->i64(0);
  if (to_line <= from_line) {
    return Error(ErrorCode::validation_failed, "escalation goes to a higher line")
        .with_field("group_id", "not_higher_line",
                    std::string("the ticket is with ") + line_label(from_line) +
                        "; choose a group of a higher line");
  }
  const std::int64_t assignee = round_robin ? TRY(next_round_robin_member(ex, group_id)) : 0;
  const auto updated = TRY(ex.exec(
      "UPDATE tickets SET group_id = $3, assignee_id = $4, version = version + 1, updated_at = $5 "
      "WHERE id = $1 AND version = $2",
      {ticket_id, expected_version, group_id,
       assignee ? store::Value(assignee) : store::Value(store::Null{}), format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the ticket was changed by someone else; reload it and try again");
  }
  ChangeSet changes;
  changes.add("group_id", id_text(t.group_id), id_text(group_id));
  changes.add("assignee_id", id_text(t.assignee_id), id_text(assignee));
  changes.add("line",
              from_line ? std::optional<std::string>(std::to_string(from_line)) : std::nullopt,
              std::to_string(to_line));
  changes.add("reason", std::nullopt, std::string(reason));
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id, "escalate", changes.changes()));
  Ticket next = t;
  next.group_id = group_id;
  next.assignee_id = assignee;
  TRY_VOID(insert_journal_entry(
      ex, actor, now, next, "internal",
      std::string("升级 / Escalated: ") + (from_name.empty() ? "—" : from_name) + " → " +
          target->text(1) + " (" + line_label(to_line) + ")\n" + std::string(reason)));
  TRY_VOID(emit_event(ex, actor, now, "ticket.escalated", "ticket", ticket_id,
                      "{\"from_line\":" + std::to_string(from_line) +
                          ",\"to_line\":" + std::to_string(to_line) +
                          ",\"group_id\":" + std::to_string(group_id) + "}"));
  TRY_VOID(index_ticket(ex, ticket_id));
  auto reloaded = TRY(find_ticket(ex, ticket_id));
  return *reloaded;
}

}  // namespace fuwu::app
