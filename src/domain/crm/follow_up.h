// Follow-ups (回访) as pure rules: methods, the outcome a call or visit records, what an unhappy
// outcome leads to, and the schedule of visits to key customers (定期走访).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/time.h"

namespace fuwu::crm {

bool valid_method(std::string_view m);  // phone | visit | letter | message

inline constexpr int kMinScore = 1;  // the short score: 1 (very unhappy) .. 5 (very happy)
inline constexpr int kMaxScore = 5;
inline constexpr int kUnhappyScore = 2;  // a score at or below this is unhappy

struct FollowUpOutcome {
  std::optional<bool> reached;    // the customer was reached
  std::optional<bool> satisfied;  // required when reached
  std::optional<int> score;       // optional, kMinScore..kMaxScore
  std::string comments;
  // What to do about an unhappy outcome: "complaint" (open one) or "reopen_work_order"; "" lets
  // the rules choose (a complaint).
  std::string action;
};

enum class FollowUpAction { none, open_complaint, reopen_work_order };

// Unhappy: reached, and not satisfied or scored at or below kUnhappyScore.
bool unhappy(const FollowUpOutcome& o);

// Checks the outcome and decides what follows it. validation_failed (fields reached, satisfied,
// score, action) when values are missing or out of range, or when the action does not fit: an
// action for a happy outcome, reopening without a work order behind the follow-up.
Result<FollowUpAction> decide_follow_up(const FollowUpOutcome& o, bool has_work_order);

// The next visit of a key customer: `interval_days` calendar days after `last` (>= 1).
Date next_visit_on(Date last, int interval_days);

}  // namespace fuwu::crm
