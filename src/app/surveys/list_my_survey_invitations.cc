#include "app/surveys/survey.h"

namespace fuwu::app {

// The caller's unanswered invitations of open campaigns (a portal user sees theirs; an engineer
// the sign-off forms of their work orders).
Result<std::vector<SurveyInvitation>> list_my_survey_invitations(store::Executor& ex,
                                                                 const Actor& actor) {
  const auto& p = actor.principal;
  const auto scope = access::scope_for(p, "survey.respond");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not answer surveys");
  constexpr int kLimit = 200;
  constexpr std::string_view kOpen = "c.state = 'open' AND i.responded_at IS NULL AND ";
  std::vector<SurveyInvitation> found;
  if (*scope == access::Scope::organisation) {
    found = TRY(query_survey_invitations(
        ex, std::string(kOpen) + "i.organisation_id = $1 AND c.channel <> 'sign_off'",
        {p.organisation_id}, kLimit));
  } else {
    // Engineers, and agents entering answers at sign-off: the sign-off forms of their orders.
    found = TRY(query_survey_invitations(
        ex, std::string(kOpen) + "i.engineer_id = $1 AND c.channel = 'sign_off'", {p.user_id},
        kLimit));
  }
  for (auto& i : found)
    if (*scope != access::Scope::all) i.token.clear();
  return found;
}

}  // namespace fuwu::app
