#include "domain/crm/follow_up.h"

namespace fuwu::crm {

bool valid_method(std::string_view m) {
  return m == "phone" || m == "visit" || m == "letter" || m == "message";
}

bool unhappy(const FollowUpOutcome& o) {
  if (!o.reached.value_or(false)) return false;
  return !o.satisfied.value_or(true) || (o.score && *o.score <= kUnhappyScore);
}

Result<FollowUpAction> decide_follow_up(const FollowUpOutcome& o, bool has_work_order) {
  Error e(ErrorCode::validation_failed, "the follow-up's outcome is not valid");
  if (!o.reached) e.with_field("reached", "required", "whether the customer was reached");
  if (o.reached.value_or(false) && !o.satisfied) {
    e.with_field("satisfied", "required", "whether the customer is satisfied");
  }
  if (o.score && (*o.score < kMinScore || *o.score > kMaxScore)) {
    e.with_field("score", "out_of_range", "a score from 1 to 5");
  }
  if (o.score && !o.reached.value_or(false)) {
    e.with_field("score", "not_allowed", "a customer not reached gives no score");
  }
  if (!o.action.empty() && o.action != "complaint" && o.action != "reopen_work_order") {
    e.with_field("action", "not_allowed", "complaint or reopen_work_order");
  }
  if (!e.fields.empty()) return e;
  if (!unhappy(o)) {
    if (!o.action.empty()) {
      return e.with_field("action", "not_allowed",
                          "only an unhappy outcome opens a complaint or reopens the work order");
    }
    return FollowUpAction::none;
  }
  if (o.action == "reopen_work_order") {
    if (!has_work_order) {
      return e.with_field("action", "not_allowed", "this follow-up has no work order to reopen");
    }
    return FollowUpAction::reopen_work_order;
  }
  return FollowUpAction::open_complaint;
}

Date next_visit_on(Date last, int interval_days) {
  return civil_from_days(days_from_civil(last) + (interval_days < 1 ? 1 : interval_days));
}

}  // namespace fuwu::crm
