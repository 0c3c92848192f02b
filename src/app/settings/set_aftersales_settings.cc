#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/settings/aftersales_settings.h"

namespace fuwu::app {

Result<AftersalesSettings> set_aftersales_settings(store::Executor& ex, const Actor& actor,
                                                   Instant now, std::int64_t expected_version,
                                                   const AftersalesSettings& s) {
  if (!access::can(actor.principal, "aftersales_settings.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the after-sales settings");
  }
  if (s.repeat_window_days < 1 || s.repeat_window_days > 3650) {
    return Error(ErrorCode::validation_failed, "the settings are not valid")
        .with_field("repeat_window_days", "out_of_range", "1 to 3650 days");
  }
  const auto old = TRY(load_aftersales_settings(ex));
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the settings were changed by someone else; reload them and try again");
  }
  TRY_VOID(
      ex.exec("UPDATE aftersales_settings SET repeat_window_days = $1, version = version + 1, "
              "updated_at = $2 WHERE id = 1",
              {std::int64_t{s.repeat_window_days}, format_rfc3339(now)}));
  ChangeSet changes;
  changes.add("repeat_window_days", std::to_string(old.repeat_window_days),
              std::to_string(s.repeat_window_days));
  TRY_VOID(write_audit(ex, actor, now, "aftersales_settings", 1, "set", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "aftersales_settings.updated", "aftersales_settings", 1));
  return load_aftersales_settings(ex);
}

}  // namespace fuwu::app
