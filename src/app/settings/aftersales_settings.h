// The after-sales settings that administrators configure (one row, aftersales_settings): the
// repeat-repair window — a repair of the same unit with the same fault code within this many
// days of an earlier one is a repeat repair, counted against the earlier order (seed 001;
// default 90, 1..3650).
//
// Reading needs "aftersales_settings.read" (agents, managers, administrators); changing needs
// "aftersales_settings.write" (administrators), with If-Match on the version, and is audited
// (record "aftersales_settings" 1).
#pragma once

#include "app/platform/context.h"

namespace fuwu::app {

struct AftersalesSettings {
  int repeat_window_days = 90;
  std::int64_t version = 1;
  Instant updated_at;
};

// The settings in force, without access checks (for use cases that apply them).
Result<AftersalesSettings> load_aftersales_settings(store::Executor& ex);

Result<AftersalesSettings> get_aftersales_settings(store::Executor& ex, const Actor& actor);
Result<AftersalesSettings> set_aftersales_settings(store::Executor& ex, const Actor& actor,
                                                   Instant now, std::int64_t expected_version,
                                                   const AftersalesSettings& settings);

}  // namespace fuwu::app
