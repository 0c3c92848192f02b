// Shared by the survey use cases: loading templates and campaigns, and the stored JSON of
// questions and answers (written here only, so read back without checks beyond their shape).
#include "app/surveys/survey.h"

#include <boost/json.hpp>

namespace fuwu::app {
namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items)
    out.emplace_back(s);
  return out;
}

std::vector<std::string> strings_of(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = o.if_contains(key); a && a->is_array()) {
    for (const auto& v : a->as_array())
      if (v.is_string()) out.emplace_back(v.as_string().c_str());
  }
  return out;
}

std::string text_of(const json::object& o, std::string_view key) {
  if (const auto* v = o.if_contains(key); v && v->is_string()) return v->as_string().c_str();
  return {};
}

std::int64_t int_of(const json::object& o, std::string_view key, std::int64_t fallback = 0) {
  if (const auto* v = o.if_contains(key); v && v->is_int64()) return v->as_int64();
  return fallback;
}

}  // namespace

std::string questions_to_json(const std::vector<survey::Question>& questions) {
  json::array out;
  for (const auto& q : questions) {
    json::object o{{"key", q.key},
                   {"kind", survey::question_kind_name(q.kind)},
                   {"text_zh", q.text_zh},
                   {"text_en", q.text_en}};
    if (q.kind == survey::QuestionKind::scale) {
      o["weight_bp"] = q.weight_bp;
      o["scale_min"] = q.scale_min;
      o["scale_max"] = q.scale_max;
      o["allow_na"] = q.allow_na;
      o["labels_zh"] = strings(q.labels_zh);
      o["labels_en"] = strings(q.labels_en);
    }
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

Result<std::vector<survey::Question>> questions_from_json(std::string_view text) {
  std::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return Error(ErrorCode::internal, "stored survey questions unreadable");
  std::vector<survey::Question> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    survey::Question q;
    q.key = text_of(o, "key");
    q.kind = survey::parse_question_kind(text_of(o, "kind")).value_or(survey::QuestionKind::scale);
    q.text_zh = text_of(o, "text_zh");
    q.text_en = text_of(o, "text_en");
    q.weight_bp = int_of(o, "weight_bp");
    q.scale_min = static_cast<int>(int_of(o, "scale_min", 1));
    q.scale_max = static_cast<int>(int_of(o, "scale_max", 5));
    if (const auto* na = o.if_contains("allow_na"); na && na->is_bool()) q.allow_na = na->as_bool();
    q.labels_zh = strings_of(o, "labels_zh");
    q.labels_en = strings_of(o, "labels_en");
    out.push_back(std::move(q));
  }
  return out;
}

std::string answers_to_json(const std::vector<survey::Answer>& answers) {
  json::array out;
  for (const auto& a : answers) {
    json::object o{{"key", a.key}};
    if (a.value) o["value"] = *a.value;
    if (a.not_applicable) o["not_applicable"] = true;
    if (!a.comment.empty()) o["comment"] = a.comment;
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::vector<survey::Answer> answers_from_json(std::string_view text) {
  std::vector<survey::Answer> out;
  std::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    survey::Answer a;
    a.key = text_of(o, "key");
    if (const auto* x = o.if_contains("value"); x && x->is_int64()) {
      a.value = static_cast<int>(x->as_int64());
    }
    a.not_applicable = o.contains("not_applicable");
    a.comment = text_of(o, "comment");
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<survey::Question>> load_template_questions(store::Executor& ex,
                                                              std::int64_t template_id,
                                                              std::int64_t template_version) {
  auto row =
      TRY(ex.query_one("SELECT questions FROM survey_template_versions WHERE template_id = $1 AND "
                       "template_version = $2",
                       {template_id, template_version}));
  if (!row) return Error(ErrorCode::not_found, "no such template version");
  return questions_from_json(row->text(0));
}

Result<std::optional<SurveyTemplate>> find_survey_template(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      "SELECT id, code, name_zh, name_en, template_version, version, created_at, updated_at "
      "FROM survey_templates WHERE id = $1",
      {id}));
  if (!row) return std::optional<SurveyTemplate>();
  SurveyTemplate t;
  t.id = row->i64(0);
  t.code = row->text(1);
  t.name_zh = row->text(2);
  t.name_en = row->text(3);
  t.template_version = row->i64(4);
  t.version = row->i64(5);
  t.created_at = parse_rfc3339(row->text(6)).value_or(Instant{});
  t.updated_at = parse_rfc3339(row->text(7)).value_or(Instant{});
  t.questions = TRY(load_template_questions(ex, t.id, t.template_version));
  return std::optional<SurveyTemplate>(std::move(t));
}

Result<std::optional<SurveyCampaign>> find_survey_campaign(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      "SELECT c.id, c.template_id, c.template_version, t.name_zh, c.name_zh, c.name_en, "
      "c.channel, c.population, c.state, c.required_return_bp, c.low_score_bp, c.closed_at, "
      "c.version, c.created_at, c.updated_at, "
      "(SELECT COUNT(*) FROM survey_invitations i WHERE i.campaign_id = c.id), "
      "(SELECT COUNT(*) FROM survey_responses r WHERE r.campaign_id = c.id) "
      "FROM survey_campaigns c JOIN survey_templates t ON t.id = c.template_id WHERE c.id = $1",
      {id}));
  if (!row) return std::optional<SurveyCampaign>();
  SurveyCampaign c;
  c.id = row->i64(0);
  c.template_id = row->i64(1);
  c.template_version = row->i64(2);
  c.template_name_zh = row->text(3);
  c.name_zh = row->text(4);
  c.name_en = row->text(5);
  c.channel = row->text(6);
  c.population_json = row->text(7);
  c.state = row->text(8);
  c.required_return_bp = row->i64(9);
  c.low_score_bp = row->i64(10);
  if (!row->is_null(11)) c.closed_at = parse_rfc3339(row->text(11));
  c.version = row->i64(12);
  c.created_at = parse_rfc3339(row->text(13)).value_or(Instant{});
  c.updated_at = parse_rfc3339(row->text(14)).value_or(Instant{});
  c.invitations = row->i64(15);
  c.responses = row->i64(16);
  return std::optional<SurveyCampaign>(std::move(c));
}

Result<std::vector<SurveyInvitation>> query_survey_invitations(
    store::Executor& ex, std::string_view where, std::initializer_list<store::Value> params,
    int limit) {
  std::string sql =
      "SELECT i.id, i.campaign_id, c.name_zh, c.name_en, c.channel, c.state, i.organisation_id, "
      "o.name, i.ticket_id, t.number, i.engineer_id, i.service_centre_id, i.token, "
      "i.responded_at, r.id FROM survey_invitations i "
      "JOIN survey_campaigns c ON c.id = i.campaign_id "
      "JOIN organisations o ON o.id = i.organisation_id "
      "LEFT JOIN tickets t ON t.id = i.ticket_id "
      "LEFT JOIN survey_responses r ON r.invitation_id = i.id WHERE ";
  sql += where;
  sql += " ORDER BY i.id LIMIT " + std::to_string(limit);
  auto rows = TRY(ex.query(sql, params));
  std::vector<SurveyInvitation> out;
  for (const auto& r : rows) {
    SurveyInvitation i;
    i.id = r.i64(0);
    i.campaign_id = r.i64(1);
    i.campaign_name_zh = r.text(2);
    i.campaign_name_en = r.text(3);
    i.channel = r.text(4);
    i.campaign_state = r.text(5);
    i.organisation_id = r.i64(6);
    i.organisation_name = r.text(7);
    i.ticket_id = r.opt_i64(8);
    i.ticket_number = r.text(9);
    i.engineer_id = r.opt_i64(10);
    i.service_centre_id = r.opt_i64(11);
    i.token = r.text(12);
    if (!r.is_null(13)) i.responded_at = parse_rfc3339(r.text(13));
    i.response_id = r.opt_i64(14);
    out.push_back(std::move(i));
  }
  return out;
}

Result<std::optional<SurveyInvitation>> find_survey_invitation(store::Executor& ex,
                                                               std::optional<std::int64_t> id,
                                                               std::optional<std::string> token) {
  std::vector<SurveyInvitation> found;
  if (id) {
    found = TRY(query_survey_invitations(ex, "i.id = $1", {*id}, 1));
  } else {
    found = TRY(query_survey_invitations(ex, "i.token = $1", {token.value_or("")}, 1));
  }
  if (found.empty()) return std::optional<SurveyInvitation>();
  return std::optional<SurveyInvitation>(std::move(found.front()));
}

bool may_respond(const access::Principal& p, const SurveyInvitation& i) {
  const auto scope = access::scope_for(p, "survey.respond");
  if (!scope) return false;
  switch (*scope) {
    case access::Scope::all:
      return true;
    case access::Scope::organisation:
      return i.channel != "sign_off" && p.organisation_id != 0 &&
             i.organisation_id == p.organisation_id;
    case access::Scope::own:
    case access::Scope::group:
      return i.channel == "sign_off" && i.engineer_id && *i.engineer_id == p.user_id;
  }
  return false;
}

}  // namespace fuwu::app
