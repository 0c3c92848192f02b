#include "domain/access/throttle.h"

namespace fuwu::access {

std::optional<std::int64_t> locked_for(const ThrottleState& s, Instant now) {
  if (s.locked_until && *s.locked_until > now) return (*s.locked_until - now).seconds;
  return std::nullopt;
}

ThrottleState after_failure(const ThrottleState& s, const ThrottlePolicy& policy, Instant now) {
  ThrottleState next = s;
  const bool window_over = now - s.window_started_at >= policy.window;
  const bool lock_over = s.locked_until && *s.locked_until <= now;
  if (s.failures == 0 || window_over || lock_over) {
    next.failures = 0;
    next.window_started_at = now;
    next.locked_until.reset();
  }
  next.failures += 1;
  if (next.failures >= policy.max_failures) next.locked_until = now + policy.lockout;
  return next;
}

}  // namespace fuwu::access
