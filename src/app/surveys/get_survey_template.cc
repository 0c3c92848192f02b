#include "app/surveys/survey.h"

namespace fuwu::app {

Result<SurveyTemplate> get_survey_template(store::Executor& ex, const Actor& actor, std::int64_t id,
                                           std::int64_t template_version) {
  if (!access::can(actor.principal, "survey.read")) {
    return Error(ErrorCode::permission_denied, "you may not read survey templates");
  }
  auto t = TRY(find_survey_template(ex, id));
  if (!t) return Error(ErrorCode::not_found, "no such survey template");
  if (template_version != 0 && template_version != t->template_version) {
    t->questions = TRY(load_template_questions(ex, id, template_version));
    t->template_version = template_version;
  }
  return *t;
}

}  // namespace fuwu::app
