#include "app/surveys/survey.h"

namespace fuwu::app {

Result<std::vector<SurveyInvitation>> list_survey_invitations(store::Executor& ex,
                                                              const Actor& actor,
                                                              std::int64_t campaign_id,
                                                              std::int64_t after_id, int limit) {
  if (!access::can(actor.principal, "survey.read")) {
    return Error(ErrorCode::permission_denied, "you may not read survey campaigns");
  }
  auto c = TRY(find_survey_campaign(ex, campaign_id));
  if (!c) return Error(ErrorCode::not_found, "no such survey campaign");
  return query_survey_invitations(ex, "i.campaign_id = $1 AND i.id > $2", {campaign_id, after_id},
                                  limit);
}

}  // namespace fuwu::app
