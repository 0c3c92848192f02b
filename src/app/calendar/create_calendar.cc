#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<StoredCalendar> create_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                       calendar::CalendarSpec spec) {
  if (access::scope_for(actor.principal, "calendar.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not create calendars");
  }
  if (!valid_calendar_slug(spec.id)) {
    return Error(ErrorCode::validation_failed, "the calendar id is not valid")
        .with_field("/id", "invalid_format",
                    "1 to 64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit");
  }
  spec.revision = 1;
  TRY_VOID(build_calendar(spec));  // validates the spec and the zone
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO calendars (slug, name_zh, name_en, zone, kind, first_year, last_year, shipped, "
      "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 1, $8, $8) "
      "RETURNING id",
      {spec.id, spec.name_zh, spec.name_en, spec.zone,
       std::string(spec.kind == calendar::CalendarKind::always_working ? "always_working"
                                                                       : "weekly"),
       std::int64_t{spec.first_year}, std::int64_t{spec.last_year}, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "a calendar with this id exists")
          .with_field("/id", "taken", "already used by another calendar");
    }
    return std::move(ins).error();
  }
  const std::int64_t row_id = ins->at(0).i64(0);
  TRY_VOID(write_calendar_rows(ex, row_id, spec));
  std::vector<FieldChange> changes{{"id", std::nullopt, spec.id}};
  for (auto& [field, value] : calendar_audit_fields(spec))
    changes.push_back({field, std::nullopt, value});
  TRY_VOID(write_audit(ex, actor, now, "calendar", row_id, "create", changes));
  TRY_VOID(emit_event(ex, actor, now, "calendar.created", "calendar", row_id,
                      "{\"calendar\":\"" + spec.id + "\",\"revision\":1}"));
  auto stored = TRY(find_calendar(ex, spec.id));
  return *stored;
}

}  // namespace fuwu::app
