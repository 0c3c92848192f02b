#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Status delete_calendar(store::Executor& ex, const Actor& actor, Instant now, std::string_view slug,
                       std::int64_t expected_version) {
  auto current = TRY(get_calendar(ex, actor, slug));
  if (access::scope_for(actor.principal, "calendar.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not delete calendars");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the calendar was changed by someone else; reload it and try again");
  }
  const auto users = TRY(clocks_to_recompute(ex, slug));
  if (!users.policies.empty()) {
    std::string names;
    for (const auto& p : users.policies)
      names += (names.empty() ? "" : ", ") + p;
    return Error(ErrorCode::conflict, "SLA policies still use the calendar: " + names);
  }
  auto deleted = TRY(ex.exec("DELETE FROM calendars WHERE id = $1 AND version = $2",
                             {current.row_id, expected_version}));
  if (deleted == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the calendar was changed by someone else; reload it and try again");
  }
  std::vector<FieldChange> changes{{"id", current.spec.id, std::nullopt}};
  for (auto& [field, value] : calendar_audit_fields(current.spec))
    changes.push_back({field, value, std::nullopt});
  TRY_VOID(write_audit(ex, actor, now, "calendar", current.row_id, "delete", changes));
  return emit_event(ex, actor, now, "calendar.deleted", "calendar", current.row_id,
                    "{\"calendar\":\"" + current.spec.id + "\"}");
}

}  // namespace fuwu::app
