// Login throttling as a pure state machine over one counter (per account or per client address).
#pragma once

#include <optional>

#include "base/time.h"

namespace fuwu::access {

struct ThrottlePolicy {
  int max_failures = 5;                         // failures allowed within the window
  Duration window = Duration::of_minutes(15);   // counting window
  Duration lockout = Duration::of_minutes(15);  // how long the counter stays locked
};

struct ThrottleState {
  int failures = 0;
  Instant window_started_at;
  std::optional<Instant> locked_until;
};

// When locked at `now`, the number of seconds until the lock ends (for Retry-After); else nullopt.
std::optional<std::int64_t> locked_for(const ThrottleState& s, Instant now);

// The state after one more failure at `now`: a new window when the old one has passed; locked
// once the failures reach the limit.
ThrottleState after_failure(const ThrottleState& s, const ThrottlePolicy& policy, Instant now);

}  // namespace fuwu::access
