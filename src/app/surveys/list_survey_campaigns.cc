#include "app/surveys/survey.h"

namespace fuwu::app {

Result<std::vector<SurveyCampaign>> list_survey_campaigns(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "survey.read")) {
    return Error(ErrorCode::permission_denied, "you may not read survey campaigns");
  }
  auto rows = TRY(ex.query("SELECT id FROM survey_campaigns ORDER BY id DESC LIMIT 500"));
  std::vector<SurveyCampaign> out;
  for (const auto& r : rows) {
    auto c = TRY(find_survey_campaign(ex, r.i64(0)));
    if (c) out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace fuwu::app
