#include "app/surveys/survey.h"

namespace fuwu::app {

Result<SurveyCampaign> get_survey_campaign(store::Executor& ex, const Actor& actor,
                                           std::int64_t id) {
  if (!access::can(actor.principal, "survey.read")) {
    return Error(ErrorCode::permission_denied, "you may not read survey campaigns");
  }
  auto c = TRY(find_survey_campaign(ex, id));
  if (!c) return Error(ErrorCode::not_found, "no such survey campaign");
  return *c;
}

}  // namespace fuwu::app
