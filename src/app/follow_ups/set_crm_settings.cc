#include "app/calendar/calendars.h"
#include "app/follow_ups/follow_up.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {

Result<CrmSettings> set_crm_settings(store::Executor& ex, const Actor& actor, Instant now,
                                     std::int64_t expected_version, const CrmSettings& s) {
  if (!access::can(actor.principal, "crm_settings.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the customer-care settings");
  }
  Error invalid(ErrorCode::validation_failed, "the settings are not valid");
  if (s.follow_up_delay_days < 0 || s.follow_up_delay_days > 30) {
    invalid.with_field("follow_up_delay_days", "out_of_range", "0 to 30 working days");
  }
  if (s.follow_up_days < 0 || s.follow_up_days > 30) {
    invalid.with_field("follow_up_days", "out_of_range", "0 to 30 working days");
  }
  if (!crm::valid_method(s.follow_up_method)) {
    invalid.with_field("follow_up_method", "not_allowed", "phone, visit, letter or message");
  }
  auto cal = TRY(find_calendar(ex, s.calendar));
  if (!cal) invalid.with_field("calendar", "not_found", "no calendar with this id");
  if (s.follow_up_group_id != 0) {
    auto group = TRY(ex.query_one("SELECT 1 FROM groups WHERE id = $1", {s.follow_up_group_id}));
    if (!group) invalid.with_field("follow_up_group_id", "not_found", "no group with this id");
  }
  if (!invalid.fields.empty()) return invalid;
  const auto old = TRY(load_crm_settings(ex));
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the settings were changed by someone else; reload them and try again");
  }
  TRY_VOID(ex.exec(
      "UPDATE crm_settings SET follow_up_delay_days = $1, follow_up_days = $2, "
      "follow_up_method = $3, calendar = $4, version = version + 1, updated_at = $5, "
      "follow_up_group_id = $6 WHERE id = 1",
      {std::int64_t{s.follow_up_delay_days}, std::int64_t{s.follow_up_days}, s.follow_up_method,
       s.calendar, format_rfc3339(now),
       s.follow_up_group_id ? store::Value(s.follow_up_group_id) : store::Value(store::Null{})}));
  ChangeSet changes;
  changes.add("follow_up_delay_days", std::to_string(old.follow_up_delay_days),
              std::to_string(s.follow_up_delay_days));
  changes.add("follow_up_days", std::to_string(old.follow_up_days),
              std::to_string(s.follow_up_days));
  changes.add("follow_up_method", old.follow_up_method, s.follow_up_method);
  changes.add("calendar", old.calendar, s.calendar);
  changes.add("follow_up_group_id", id_text(old.follow_up_group_id), id_text(s.follow_up_group_id));
  TRY_VOID(write_audit(ex, actor, now, "crm_settings", 1, "set", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "crm_settings.updated", "crm_settings", 1));
  return load_crm_settings(ex);
}

}  // namespace fuwu::app
