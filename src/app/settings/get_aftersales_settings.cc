#include "app/settings/aftersales_settings.h"

namespace fuwu::app {

Result<AftersalesSettings> load_aftersales_settings(store::Executor& ex) {
  auto row = TRY(ex.query_one(
      "SELECT repeat_window_days, version, updated_at FROM aftersales_settings WHERE id = 1"));
  AftersalesSettings s;
  if (!row) return s;
  s.repeat_window_days = static_cast<int>(row->i64(0));
  s.version = row->i64(1);
  s.updated_at = parse_rfc3339(row->text(2)).value_or(Instant{});
  return s;
}

Result<AftersalesSettings> get_aftersales_settings(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "aftersales_settings.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the after-sales settings");
  }
  return load_aftersales_settings(ex);
}

}  // namespace fuwu::app
