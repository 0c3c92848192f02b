#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/platform/job_queue.h"
#include "app/platform/outbox.h"

namespace fuwu::app {
namespace {

// The outbox payload of calendar.updated: the revision now in force and the SLA policies whose
// open clocks must be recomputed (see clocks_to_recompute).
Result<std::string> updated_payload(store::Executor& ex, std::string_view slug) {
  const auto todo = TRY(clocks_to_recompute(ex, slug));
  std::string policies;
  for (const auto& p : todo.policies)
    policies += (policies.empty() ? "\"" : ",\"") + p + "\"";
  return "{\"calendar\":\"" + todo.calendar + "\",\"revision\":" + std::to_string(todo.revision) +
         ",\"recompute_policies\":[" + policies + "]}";
}

}  // namespace

Result<StoredCalendar> replace_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                        const StoredCalendar& current,
                                        const calendar::CalendarSpec& next,
                                        std::string_view action) {
  ChangeSet changes;
  const auto before = calendar_audit_fields(current.spec);
  const auto after = calendar_audit_fields(next);
  for (std::size_t i = 0; i < before.size(); ++i)
    changes.add(before[i].first, before[i].second, after[i].second);
  if (changes.empty()) return current;
  auto bumped =
      TRY(ex.exec("UPDATE calendars SET version = version + 1, updated_at = $3 WHERE id = $1 AND "
                  "version = $2",
                  {current.row_id, current.version, format_rfc3339(now)}));
  if (bumped == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the calendar was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_calendar_rows(ex, current.row_id, next));
  TRY_VOID(write_audit(ex, actor, now, "calendar", current.row_id, action, changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "calendar.updated", "calendar", current.row_id,
                      TRY(updated_payload(ex, current.spec.id))));
  // Open records' clocks on this calendar are recomputed by a job (kCalendarEditedJob); several
  // edits before it runs coalesce into one pass, which sees the latest revision.
  TRY_VOID(
      enqueue_job(ex,
                  {std::string(kCalendarEditedJob), "{\"calendar\":\"" + current.spec.id + "\"}",
                   now, "calendar-edited:" + current.spec.id},
                  now));
  auto stored = TRY(find_calendar(ex, current.spec.id));
  return *stored;
}

Result<StoredCalendar> update_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                       std::string_view slug, std::int64_t expected_version,
                                       const CalendarPatch& patch) {
  auto current = TRY(get_calendar(ex, actor, slug));
  if (access::scope_for(actor.principal, "calendar.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not change calendars");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the calendar was changed by someone else; reload it and try again");
  }
  calendar::CalendarSpec next = current.spec;
  if (patch.name_zh) next.name_zh = *patch.name_zh;
  if (patch.name_en) next.name_en = *patch.name_en;
  if (patch.zone) next.zone = *patch.zone;
  if (patch.weekly) next.weekly = *patch.weekly;
  if (patch.holidays) next.holidays = *patch.holidays;
  if (patch.makeup_days) next.makeup_days = *patch.makeup_days;
  if (patch.special_days) next.special_days = *patch.special_days;
  if (patch.first_year) next.first_year = *patch.first_year;
  if (patch.last_year) next.last_year = *patch.last_year;
  next.revision = current.version + 1;
  TRY_VOID(build_calendar(next));
  return replace_calendar(ex, actor, now, current, next, "update");
}

}  // namespace fuwu::app
