#include "app/calendar/calendars.h"

namespace fuwu::app {

Result<ImportOutcome> import_calendar_year(store::Executor& ex, const Actor& actor, Instant now,
                                           std::string_view slug, const calendar::ImportData& data,
                                           DryRun dry_run,
                                           std::optional<std::int64_t> expected_version) {
  auto current = TRY(get_calendar(ex, actor, slug));
  if (dry_run == DryRun::no &&
      access::scope_for(actor.principal, "calendar.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not change calendars");
  }
  if (current.spec.kind == calendar::CalendarKind::always_working) {
    return Error(ErrorCode::validation_failed, "a 24x7 calendar has no holidays to import")
        .with_field("/id", "not_allowed", "import into a weekly calendar");
  }
  if (expected_version && current.version != *expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the calendar was changed by someone else; reload it and try again");
  }
  auto next = calendar::apply_import(current.spec, data);
  if (!next.ok()) {
    Error e = std::move(next).error();
    for (FieldError& f : e.fields)
      if (!f.field.starts_with("/")) f.field = "/" + f.field;
    return e;
  }
  ImportOutcome out;
  out.diff = calendar::diff_import(current.spec, data);
  out.calendar = current;
  if (dry_run == DryRun::yes || out.diff.empty()) return out;
  next->revision = current.version + 1;
  out.calendar = TRY(replace_calendar(ex, actor, now, current, *next, "import"));
  out.written = true;
  return out;
}

}  // namespace fuwu::app
