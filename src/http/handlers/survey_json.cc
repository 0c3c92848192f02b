#include "http/handlers/survey_json.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;

json::value opt(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt(const std::optional<Instant>& v) {
  return v ? json::value(instant_json(*v)) : json::value(nullptr);
}

json::object band_json(survey::Band b) {
  return {{"band", survey::band_name(b)},
          {"band_zh", survey::band_label_zh(b)},
          {"band_en", survey::band_label_en(b)}};
}

json::object group_json(const app::SurveyReport::Group& g) {
  json::object o{{"id", g.id == 0 ? json::value(nullptr) : json::value(g.id)},
                 {"name", g.name},
                 {"responses", g.responses},
                 {"score_percent", g.score_percent}};
  for (const auto& kv : band_json(g.band))
    o[kv.key()] = kv.value();
  return o;
}

}  // namespace

json::array survey_questions_json(const std::vector<survey::Question>& questions) {
  // One rendering of questions: the stored form (app/surveys/survey.cc) is the API's form.
  return json::parse(app::questions_to_json(questions)).as_array();
}

json::object survey_template_json(const app::SurveyTemplate& t) {
  return {{"id", t.id},
          {"code", t.code},
          {"name_zh", t.name_zh},
          {"name_en", t.name_en},
          {"template_version", t.template_version},
          {"questions", survey_questions_json(t.questions)},
          {"weight_sum_bp", survey::weight_sum(t.questions)},
          {"version", t.version},
          {"created_at", instant_json(t.created_at)},
          {"updated_at", instant_json(t.updated_at)}};
}

json::object survey_campaign_json(const app::SurveyCampaign& c) {
  const auto rr = survey::return_rate(c.invitations, c.responses, c.required_return_bp);
  json::value population;
  std::error_code ec;
  population = json::parse(c.population_json, ec);
  if (ec) population = json::object{};
  return {{"id", c.id},
          {"template_id", c.template_id},
          {"template_version", c.template_version},
          {"template_name_zh", c.template_name_zh},
          {"name_zh", c.name_zh},
          {"name_en", c.name_en},
          {"channel", c.channel},
          {"population", population},
          {"state", c.state},
          {"required_return_bp", c.required_return_bp},
          {"low_score_bp", c.low_score_bp},
          {"invitations", c.invitations},
          {"responses", c.responses},
          {"return_rate_percent", rr.percent},
          {"valid", rr.valid},
          {"closed_at", opt(c.closed_at)},
          {"version", c.version},
          {"created_at", instant_json(c.created_at)},
          {"updated_at", instant_json(c.updated_at)}};
}

json::object survey_invitation_json(const app::SurveyInvitation& i) {
  json::object o{{"id", i.id},
                 {"campaign_id", i.campaign_id},
                 {"campaign_name_zh", i.campaign_name_zh},
                 {"campaign_name_en", i.campaign_name_en},
                 {"channel", i.channel},
                 {"campaign_state", i.campaign_state},
                 {"organisation_id", i.organisation_id},
                 {"organisation_name", i.organisation_name},
                 {"ticket_id", opt(i.ticket_id)},
                 {"ticket_number", i.ticket_number},
                 {"engineer_id", opt(i.engineer_id)},
                 {"service_centre_id", opt(i.service_centre_id)},
                 {"responded_at", opt(i.responded_at)},
                 {"response_id", opt(i.response_id)}};
  if (!i.token.empty()) {
    o["token"] = i.token;
    o["link"] = "/survey/" + i.token;
  }
  return o;
}

json::object survey_response_json(const app::SurveyResponse& r) {
  json::array answers;
  for (const auto& a : r.answers) {
    json::object o{{"key", a.key}};
    if (a.value) o["value"] = *a.value;
    if (a.not_applicable) o["not_applicable"] = true;
    if (!a.comment.empty()) o["comment"] = a.comment;
    answers.push_back(std::move(o));
  }
  json::object o{{"id", r.id},
                 {"campaign_id", r.campaign_id},
                 {"invitation_id", r.invitation_id},
                 {"organisation_id", r.organisation_id},
                 {"ticket_id", opt(r.ticket_id)},
                 {"engineer_id", opt(r.engineer_id)},
                 {"service_centre_id", opt(r.service_centre_id)},
                 {"submitted_at", instant_json(r.submitted_at)},
                 {"score_percent", r.score_percent},
                 {"not_applicable_answers", r.na_count},
                 {"not_applicable_weight_bp", r.na_weight_bp},
                 {"low_score", r.low_score},
                 {"answers", std::move(answers)}};
  for (const auto& kv : band_json(r.band))
    o[kv.key()] = kv.value();
  return o;
}

json::object survey_report_json(const app::SurveyReport& r) {
  json::array per_question;
  for (const auto& q : r.per_question) {
    json::array dist;
    for (const auto& c : q.distribution) {
      dist.push_back(
          {{"answer", c.answer == -1 ? json::value("not_applicable") : json::value(c.answer)},
           {"responses", c.responses}});
    }
    per_question.push_back({{"key", q.key},
                            {"answered", q.answered},
                            {"not_applicable", q.not_applicable},
                            {"average", opt(q.average)},
                            {"average_percent", opt(q.average_percent)},
                            {"distribution", std::move(dist)}});
  }
  json::array bands;
  for (const auto& [name, n] : r.bands)
    bands.push_back({{"band", name}, {"responses", n}});
  json::array centres, engineers, comments, trend;
  for (const auto& g : r.by_centre)
    centres.push_back(group_json(g));
  for (const auto& g : r.by_engineer)
    engineers.push_back(group_json(g));
  for (const auto& c : r.comments) {
    comments.push_back({{"response_id", c.response_id},
                        {"question_key", c.question_key},
                        {"comment", c.comment},
                        {"organisation_id", c.organisation_id},
                        {"organisation_name", c.organisation_name}});
  }
  for (const auto& t : r.trend) {
    trend.push_back({{"campaign_id", t.campaign_id},
                     {"name_zh", t.name_zh},
                     {"name_en", t.name_en},
                     {"created_at", instant_json(t.created_at)},
                     {"invitations", t.invitations},
                     {"responses", t.responses},
                     {"score_percent", opt(t.score_percent)},
                     {"valid", t.valid}});
  }
  const auto& rr = r.return_rate;
  json::object out{{"campaign", survey_campaign_json(r.campaign)},
                   {"questions", survey_questions_json(r.questions)},
                   {"return_rate",
                    {{"invitations", rr.invitations},
                     {"responses", rr.responses},
                     {"percent", rr.percent},
                     {"required_percent", static_cast<double>(rr.required_bp) / 100.0},
                     {"valid", rr.valid}}},
                   {"score_percent", opt(r.score_percent)},
                   {"not_applicable_responses", r.na_responses},
                   {"per_question", std::move(per_question)},
                   {"bands", std::move(bands)},
                   {"by_service_centre", std::move(centres)},
                   {"by_engineer", std::move(engineers)},
                   {"comments", std::move(comments)},
                   {"comments_total", r.comments_total},
                   {"trend", std::move(trend)},
                   {"statements",
                    {{"validity_zh", r.validity_zh},
                     {"validity_en", r.validity_en},
                     {"not_applicable_zh", r.not_applicable_zh},
                     {"not_applicable_en", r.not_applicable_en}}}};
  if (r.band) {
    for (const auto& kv : band_json(*r.band))
      out[kv.key()] = kv.value();
  } else {
    out["band"] = nullptr;
  }
  return out;
}

}  // namespace fuwu::http
