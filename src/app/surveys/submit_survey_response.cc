#include <boost/json.hpp>

#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/surveys/survey.h"

namespace fuwu::app {
namespace {

// The answers in the template's order, comments trimmed of nothing but kept only when given:
// the form a response is stored in and compared by.
std::vector<survey::Answer> normalised(const std::vector<survey::Question>& questions,
                                       const std::vector<survey::Answer>& answers) {
  std::vector<survey::Answer> out;
  for (const auto& q : questions)
    for (const auto& a : answers)
      if (a.key == q.key && (a.value || a.not_applicable || !a.comment.empty())) out.push_back(a);
  return out;
}

Result<SurveyResponse> load_response(store::Executor& ex, std::int64_t invitation_id) {
  auto row = TRY(ex.query_one(
      "SELECT id, campaign_id, invitation_id, organisation_id, ticket_id, engineer_id, "
      "service_centre_id, submitted_at, score_percent, band, na_count, answers "
      "FROM survey_responses WHERE invitation_id = $1",
      {invitation_id}));
  if (!row) return Error(ErrorCode::not_found, "no response");
  SurveyResponse r;
  r.id = row->i64(0);
  r.campaign_id = row->i64(1);
  r.invitation_id = row->i64(2);
  r.organisation_id = row->i64(3);
  r.ticket_id = row->opt_i64(4);
  r.engineer_id = row->opt_i64(5);
  r.service_centre_id = row->opt_i64(6);
  r.submitted_at = parse_rfc3339(row->text(7)).value_or(Instant{});
  r.score_percent = row->f64(8);
  for (auto b : {survey::Band::satisfied, survey::Band::fairly_satisfied,
                 survey::Band::moderately_satisfied, survey::Band::dissatisfied})
    if (survey::band_name(b) == row->text(9)) r.band = b;
  r.na_count = static_cast<int>(row->i64(10));
  r.answers = answers_from_json(row->text(11));
  return r;
}

}  // namespace

Result<SurveyResponse> submit_survey_response(store::Executor& ex, const Actor& actor, Instant now,
                                              std::int64_t campaign_id,
                                              const SubmitSurveyResponse& in) {
  if (!in.token && !access::can(actor.principal, "survey.respond")) {
    return Error(ErrorCode::permission_denied, "you may not answer surveys");
  }
  auto found = TRY(find_survey_invitation(ex, in.invitation_id, in.token));
  if (!found || found->campaign_id != campaign_id ||
      (!in.token && !may_respond(actor.principal, *found))) {
    return Error(ErrorCode::not_found, "no such survey invitation");
  }
  const SurveyInvitation inv = std::move(*found);
  auto campaign = TRY(find_survey_campaign(ex, campaign_id));
  if (!campaign) return Error(ErrorCode::not_found, "no such survey campaign");
  if (campaign->state != "open") {
    Error e(ErrorCode::invalid_transition,
            "the campaign is closed: it no longer takes responses (活动已结束, 不再接受答卷)");
    e.subject = "closed";
    return e;
  }
  const auto questions =
      TRY(load_template_questions(ex, campaign->template_id, campaign->template_version));
  const auto score = TRY(survey::score_response(questions, in.answers));
  const auto answers = normalised(questions, in.answers);
  const std::string answers_json = answers_to_json(answers);

  if (inv.responded_at) {
    auto first = TRY(load_response(ex, inv.id));
    if (answers_to_json(first.answers) != answers_json) {
      return Error(ErrorCode::conflict, "this invitation was answered already")
          .with_field("/invitation_id", "answered", "one response per invitation");
    }
    first.replayed = true;
    first.na_weight_bp = score.na_weight_bp;
    first.low_score = survey::below_threshold(score.value, campaign->low_score_bp);
    return first;
  }

  const std::string ts = format_rfc3339(now);
  const double pct = survey::percent(score.value, 4);
  const auto band = survey::band_of(score.value);
  const auto by = actor.principal.user_id == 0 ? store::Value(store::Null{})
                                               : store::Value(actor.principal.user_id);
  auto ins = ex.query(
      "INSERT INTO survey_responses (campaign_id, template_id, template_version, invitation_id, "
      "organisation_id, ticket_id, engineer_id, service_centre_id, submitted_at, submitted_by, "
      "score_percent, band, na_count, answers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
      "$11, $12, $13, $14) RETURNING id",
      {campaign_id, campaign->template_id, campaign->template_version, inv.id, inv.organisation_id,
       store::opt(inv.ticket_id), store::opt(inv.engineer_id), store::opt(inv.service_centre_id),
       ts, by, pct, std::string(survey::band_name(band)), std::int64_t{score.na_count},
       answers_json});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "this invitation was answered already")
          .with_field("/invitation_id", "answered", "one response per invitation");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(ex.exec("UPDATE survey_invitations SET responded_at = $1 WHERE id = $2", {ts, inv.id}));
  for (const auto& a : answers) {
    if (a.value || a.not_applicable) {
      TRY_VOID(
          ex.exec("INSERT INTO survey_answer_counts (campaign_id, question_key, answer, responses) "
                  "VALUES ($1, $2, $3, 1) ON CONFLICT (campaign_id, question_key, answer) "
                  "DO UPDATE SET responses = survey_answer_counts.responses + 1",
                  {campaign_id, a.key, std::int64_t{a.value.value_or(-1)}}));
    }
    if (!a.comment.empty()) {
      TRY_VOID(
          ex.exec("INSERT INTO survey_comments (response_id, question_key, campaign_id, comment) "
                  "VALUES ($1, $2, $3, $4)",
                  {id, a.key, campaign_id, a.comment}));
    }
  }
  const std::string score_text = std::to_string(pct);
  TRY_VOID(write_audit(ex, actor, now, "survey_response", id, "create",
                       {{"campaign_id", std::nullopt, std::to_string(campaign_id)},
                        {"invitation_id", std::nullopt, std::to_string(inv.id)},
                        {"score_percent", std::nullopt, score_text},
                        {"band", std::nullopt, std::string(survey::band_name(band))}}));
  boost::json::object payload{{"campaign_id", campaign_id},
                              {"invitation_id", inv.id},
                              {"organisation_id", inv.organisation_id},
                              {"score_percent", pct},
                              {"band", survey::band_name(band)}};
  payload["ticket_id"] = inv.ticket_id ? boost::json::value(*inv.ticket_id) : nullptr;
  payload["engineer_id"] = inv.engineer_id ? boost::json::value(*inv.engineer_id) : nullptr;
  payload["service_centre_id"] =
      inv.service_centre_id ? boost::json::value(*inv.service_centre_id) : nullptr;
  TRY_VOID(emit_event(ex, actor, now, "survey.response_submitted", "survey_response", id,
                      boost::json::serialize(payload)));
  const bool low = survey::below_threshold(score.value, campaign->low_score_bp);
  if (low) {
    payload["threshold_percent"] =
        static_cast<double>(campaign->low_score_bp) / 100.0;  // basis points → percent
    TRY_VOID(emit_event(ex, actor, now, "survey.low_score", "survey_response", id,
                        boost::json::serialize(payload)));
  }
  auto r = TRY(load_response(ex, inv.id));
  r.na_weight_bp = score.na_weight_bp;
  r.low_score = low;
  return r;
}

}  // namespace fuwu::app
