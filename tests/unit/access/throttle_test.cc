#include "domain/access/throttle.h"

#include <gtest/gtest.h>

namespace fuwu::access {
namespace {

TEST(Throttle, LocksAfterMaxFailuresWithinTheWindow) {
  ThrottlePolicy policy;  // 5 in 15 min, locked 15 min
  ThrottleState s;
  Instant t = Instant::from_unix(1'000'000);
  for (int i = 0; i < 4; ++i) {
    s = after_failure(s, policy, t + Duration::of_seconds(i));
    EXPECT_FALSE(locked_for(s, t + Duration::of_seconds(i)));
  }
  s = after_failure(s, policy, t + Duration::of_seconds(10));
  ASSERT_TRUE(locked_for(s, t + Duration::of_seconds(10)));
  EXPECT_EQ(*locked_for(s, t + Duration::of_seconds(10)), 15 * 60);
  EXPECT_FALSE(locked_for(s, t + Duration::of_seconds(10) + Duration::of_minutes(15)));
}

TEST(Throttle, WindowResetsCounting) {
  ThrottlePolicy policy;
  ThrottleState s;
  Instant t = Instant::from_unix(5'000'000);
  for (int i = 0; i < 4; ++i)
    s = after_failure(s, policy, t);
  s = after_failure(s, policy, t + Duration::of_minutes(16));
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(locked_for(s, t + Duration::of_minutes(16)));
}

TEST(Throttle, AFailureAfterTheLockStartsAFreshWindow) {
  ThrottlePolicy policy{.max_failures = 2};
  ThrottleState s;
  Instant t = Instant::from_unix(0);
  s = after_failure(after_failure(s, policy, t), policy, t);
  ASSERT_TRUE(locked_for(s, t));
  const Instant later = t + Duration::of_minutes(15);
  s = after_failure(s, policy, later);
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(locked_for(s, later));
}

}  // namespace
}  // namespace fuwu::access
