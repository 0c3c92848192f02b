#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/surveys/survey.h"

namespace fuwu::app {

Result<SurveyCampaign> set_survey_campaign_state(store::Executor& ex, const Actor& actor,
                                                 Instant now, std::int64_t id,
                                                 std::int64_t expected_version,
                                                 std::string_view state) {
  if (!access::can(actor.principal, "survey.write")) {
    return Error(ErrorCode::permission_denied, "you may not change survey campaigns");
  }
  auto c = TRY(find_survey_campaign(ex, id));
  if (!c) return Error(ErrorCode::not_found, "no such survey campaign");
  if (c->version != expected_version) {
    return Error(ErrorCode::precondition_failed, "the campaign changed since you loaded it");
  }
  if (c->state == state) {
    Error e(ErrorCode::invalid_transition, "the campaign is already " + std::string(state));
    e.subject = state == "open" ? "close" : "open";
    return e;
  }
  const std::string ts = format_rfc3339(now);
  const bool closing = state == "closed";
  TRY_VOID(ex.exec(
      "UPDATE survey_campaigns SET state = $1, closed_at = $2, version = version + 1, "
      "updated_at = $3 WHERE id = $4",
      {std::string(state), closing ? store::Value(ts) : store::Value(store::Null{}), ts, id}));
  TRY_VOID(write_audit(ex, actor, now, "survey_campaign", id, closing ? "close" : "reopen",
                       {{"state", c->state, std::string(state)}}));
  TRY_VOID(emit_event(ex, actor, now,
                      closing ? "survey_campaign.closed" : "survey_campaign.reopened",
                      "survey_campaign", id));
  auto updated = TRY(find_survey_campaign(ex, id));
  return *updated;
}

}  // namespace fuwu::app
