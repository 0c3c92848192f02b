#include "app/tickets/relations.h"

namespace fuwu::app {

Result<std::int64_t> next_round_robin_member(store::Executor& ex, std::int64_t group_id) {
  // Members who can take work: active, not customers, not marked absent.
  constexpr const char* kEligible =
      "SELECT u.id FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 "
      "AND u.disabled = 0 AND u.available = 1 AND u.role <> 'customer' AND u.kind = 'user'";
  auto cursor = TRY(ex.query_one(
      "SELECT last_user_id FROM group_assignment_cursors WHERE group_id = $1", {group_id}));
  const std::int64_t last = cursor ? cursor->i64(0) : 0;
  auto next = TRY(ex.query_one(std::string(kEligible) + " AND u.id > $2 ORDER BY u.id LIMIT 1",
                               {group_id, last}));
  if (!next)
    next = TRY(ex.query_one(std::string(kEligible) + " ORDER BY u.id LIMIT 1", {group_id}));
  if (!next) {
    return Error(ErrorCode::validation_failed, "nobody in the group can take work now")
        .with_field("group_id", "no_available_member",
                    "every member is absent or disabled; assign by hand");
  }
  const std::int64_t user_id = next->i64(0);
  TRY_VOID(ex.exec("DELETE FROM group_assignment_cursors WHERE group_id = $1", {group_id}));
  TRY_VOID(ex.exec("INSERT INTO group_assignment_cursors (group_id, last_user_id) VALUES ($1, $2)",
                   {group_id, user_id}));
  return user_id;
}

}  // namespace fuwu::app
