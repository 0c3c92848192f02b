#include "app/surveys/survey.h"

namespace fuwu::app {

Result<std::vector<SurveyTemplate>> list_survey_templates(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "survey.read")) {
    return Error(ErrorCode::permission_denied, "you may not read survey templates");
  }
  auto rows = TRY(ex.query("SELECT id FROM survey_templates ORDER BY code"));
  std::vector<SurveyTemplate> out;
  for (const auto& r : rows) {
    auto t = TRY(find_survey_template(ex, r.i64(0)));
    if (t) out.push_back(std::move(*t));
  }
  return out;
}

}  // namespace fuwu::app
