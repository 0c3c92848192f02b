#include "app/platform/audit.h"
#include "app/tickets/relations.h"

namespace fuwu::app {

Result<Ticket> assign_ticket(store::Executor& ex, const Actor& actor, Instant now,
                             std::int64_t ticket_id, std::int64_t expected_version,
                             const AssignRequest& req) {
  const Ticket t = TRY(ticket_for_write(ex, actor, ticket_id, expected_version));
  if (t.state_category == "closed") return Error(ErrorCode::conflict, "the ticket is closed");
  const std::int64_t group_id = req.group_id.value_or(t.group_id);
  if (group_id != 0 && group_id != t.group_id) {
    auto g = TRY(ex.query_one("SELECT id FROM groups WHERE id = $1", {group_id}));
    if (!g) {
      return Error(ErrorCode::validation_failed, "the group is not valid")
          .with_field("group_id", "not_found", "no such group");
    }
  }
  std::int64_t assignee = 0;
  if (req.round_robin) {
    if (req.assignee_id) {
      return Error(ErrorCode::validation_failed, "choose an assignee or round-robin, not both")
          .with_field("assignee_id", "not_allowed", "leave it out for round-robin");
    }
    if (group_id == 0) {
      return Error(ErrorCode::validation_failed, "round-robin needs a group")
          .with_field("group_id", "required", "the group to pick from");
    }
    assignee = TRY(next_round_robin_member(ex, group_id));
  } else {
    assignee = req.assignee_id.value_or(0);
    if (assignee != 0) {
      auto u = TRY(ex.query_one("SELECT role, disabled FROM users WHERE id = $1 AND kind = 'user'",
                                {assignee}));
      if (!u || u->i64(1) != 0 || u->text(0) == "customer") {
        return Error(ErrorCode::validation_failed, "the assignee is not valid")
            .with_field("assignee_id", "not_allowed", "not an active agent");
      }
      if (group_id != 0) {
        auto m =
            TRY(ex.query_one("SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2",
                             {group_id, assignee}));
        if (!m) {
          return Error(ErrorCode::validation_failed, "the assignee is not valid")
              .with_field("assignee_id", "not_allowed", "not a member of the group");
        }
      }
    }
  }
  ChangeSet changes;
  TRY_VOID(move_ticket(ex, t, now, expected_version, group_id, assignee, changes));
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket_id,
                       req.round_robin ? "assign:round_robin" : "assign", changes.changes()));
  return announce_ticket_change(ex, actor, now, ticket_id, "ticket.assigned",
                                "{\"group_id\":" + std::to_string(group_id) +
                                    ",\"assignee_id\":" + std::to_string(assignee) + "}");
}

}  // namespace fuwu::app
