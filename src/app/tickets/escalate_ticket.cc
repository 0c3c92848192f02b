#include "app/platform/audit.h"
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
  ChangeSet changes;
  TRY_VOID(move_ticket(ex, t, now, expected_version, group_id, assignee, changes));
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
  return announce_ticket_change(ex, actor, now, ticket_id, "ticket.escalated",
                                "{\"from_line\":" + std::to_string(from_line) +
                                    ",\"to_line\":" + std::to_string(to_line) +
                                    ",\"group_id\":" + std::to_string(group_id) + "}");
}

}  // namespace fuwu::app
