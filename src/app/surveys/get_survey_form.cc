#include "app/surveys/survey.h"

namespace fuwu::app {

// By token (an e-mailed link, no login needed) or by invitation id (signed in, in reach).
Result<SurveyForm> get_survey_form(store::Executor& ex, const Actor& actor,
                                   std::optional<std::int64_t> invitation_id,
                                   std::optional<std::string> token) {
  auto i = TRY(find_survey_invitation(ex, invitation_id, token));
  if (!i || (!token && !may_respond(actor.principal, *i))) {
    return Error(ErrorCode::not_found, "no such survey form");
  }
  auto c = TRY(find_survey_campaign(ex, i->campaign_id));
  if (!c) return Error(ErrorCode::not_found, "no such survey form");
  SurveyForm f;
  f.questions = TRY(load_template_questions(ex, c->template_id, c->template_version));
  f.invitation = std::move(*i);
  if (!token) f.invitation.token.clear();
  return f;
}

}  // namespace fuwu::app
