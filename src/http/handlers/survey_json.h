// The JSON of satisfaction surveys (survey_handlers.cc): templates, campaigns, invitations,
// responses and the campaign report. Included only by handler .cc files (Boost.JSON).
#pragma once

#include "app/surveys/survey.h"
#include "http/handlers/common.h"

namespace fuwu::http {

boost::json::array survey_questions_json(const std::vector<survey::Question>& questions);
boost::json::object survey_template_json(const app::SurveyTemplate& t);
boost::json::object survey_campaign_json(const app::SurveyCampaign& c);
boost::json::object survey_invitation_json(const app::SurveyInvitation& i);
boost::json::object survey_response_json(const app::SurveyResponse& r);
boost::json::object survey_report_json(const app::SurveyReport& r);

}  // namespace fuwu::http
