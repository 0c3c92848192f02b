#include <cmath>
#include <cstdio>
#include <map>

#include "app/surveys/survey.h"

namespace fuwu::app {
namespace {

double round2(double v) {
  return std::round(v * 100.0) / 100.0;
}

// A percentage for text: at most two decimals, no trailing zeros ("85", "71.43").
std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s(buf);
  while (s.back() == '0')
    s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// What the report says in words: validity and how N/A answers were counted (zh-CN and en).
void state_in_words(SurveyReport& r) {
  const auto& rr = r.return_rate;
  const std::string rate = number_text(rr.percent);
  const std::string required = number_text(static_cast<double>(rr.required_bp) / 100.0);
  r.validity_zh =
      rr.valid ? "回收率 " + rate + "%, 达到 " + required + "%, 本次调查有效。"
               : "回收率 " + rate + "%, 未达到 " + required + "%: 本次调查无效, 结果仅供参考。";
  r.validity_en =
      rr.valid ? "Return rate " + rate + " % reaches " + required + " %: the survey is valid."
               : "Return rate " + rate + " % is below " + required +
                     " %: the survey is NOT valid; the figures are indicative only.";
  r.not_applicable_zh = "\"不适用\"的题目不计分, 其权重按比例分摊到已回答的题目 (" +
                        std::to_string(r.na_responses) + " 份答卷含\"不适用\")。";
  r.not_applicable_en =
      "Questions answered \"not applicable\" are not scored; their weight is shared among the "
      "answered questions in proportion to their weights (" +
      std::to_string(r.na_responses) + " responses had such an answer).";
}

// Groups of responses by a column (service_centre_id or engineer_id), from the covering index
// (campaign_id, column, score_percent); names looked up for the few groups found.
Result<std::vector<SurveyReport::Group>> groups(store::Executor& ex, std::int64_t campaign_id,
                                                std::string_view column,
                                                std::string_view name_sql) {
  const std::string col(column);
  auto rows = TRY(ex.query("SELECT " + col +
                               ", COUNT(*), SUM(score_percent) FROM "
                               "survey_responses WHERE campaign_id = $1 GROUP BY " +
                               col + " ORDER BY " + col,
                           {campaign_id}));
  std::vector<SurveyReport::Group> out;
  for (const auto& r : rows) {
    SurveyReport::Group g;
    g.id = r.is_null(0) ? 0 : r.i64(0);
    g.responses = r.i64(1);
    g.score_sum = r.f64(2);
    g.score_percent = round2(g.score_sum / static_cast<double>(g.responses));
    g.band = survey::band_of_percent(g.score_percent);
    if (g.id != 0) {
      auto name = TRY(ex.query_one(name_sql, {g.id}));
      if (name) g.name = name->text(0);
    }
    out.push_back(std::move(g));
  }
  return out;
}

struct Totals {
  std::int64_t invitations = 0;
  std::int64_t responses = 0;
  double score_sum = 0;
};

Result<Totals> totals(store::Executor& ex, std::int64_t campaign_id) {
  Totals t;
  auto inv = TRY(ex.query_one("SELECT COUNT(*) FROM survey_invitations WHERE campaign_id = $1",
                              {campaign_id}));
  t.invitations = inv->i64(0);
  auto resp = TRY(ex.query_one(
      "SELECT COUNT(*), SUM(score_percent) FROM survey_responses WHERE campaign_id = $1",
      {campaign_id}));
  t.responses = resp->i64(0);
  t.score_sum = resp->is_null(1) ? 0 : resp->f64(1);
  return t;
}

}  // namespace

Result<SurveyReport> survey_campaign_report(store::Executor& ex, const Actor& actor,
                                            std::int64_t campaign_id) {
  if (!access::can(actor.principal, "survey.read")) {
    return Error(ErrorCode::permission_denied, "you may not read survey reports");
  }
  auto campaign = TRY(find_survey_campaign(ex, campaign_id));
  if (!campaign) return Error(ErrorCode::not_found, "no such survey campaign");
  SurveyReport rep;
  rep.campaign = *campaign;
  rep.questions =
      TRY(load_template_questions(ex, campaign->template_id, campaign->template_version));
  rep.return_rate =
      survey::return_rate(campaign->invitations, campaign->responses, campaign->required_return_bp);

  // Per question: averages and distributions from the counts kept on write.
  std::map<std::string, std::map<std::int64_t, std::int64_t>> counts;
  auto rows = TRY(ex.query(
      "SELECT question_key, answer, responses FROM survey_answer_counts WHERE campaign_id = $1",
      {campaign_id}));
  for (const auto& r : rows)
    counts[r.text(0)][r.i64(1)] = r.i64(2);
  for (const auto& q : rep.questions) {
    if (q.kind != survey::QuestionKind::scale) continue;
    SurveyReport::QuestionStats s;
    s.key = q.key;
    const auto& c = counts[q.key];
    std::int64_t sum = 0;
    for (int v = q.scale_min; v <= q.scale_max; ++v) {
      const auto it = c.find(v);
      const std::int64_t n = it == c.end() ? 0 : it->second;
      s.distribution.push_back({v, n});
      s.answered += n;
      sum += n * v;
    }
    if (q.allow_na) {
      const auto it = c.find(-1);
      s.not_applicable = it == c.end() ? 0 : it->second;
      s.distribution.push_back({-1, s.not_applicable});
    }
    if (s.answered > 0) {
      const double avg = static_cast<double>(sum) / static_cast<double>(s.answered);
      s.average = round2(avg);
      s.average_percent = round2(100.0 * (avg - q.scale_min) / (q.scale_max - q.scale_min));
    }
    rep.per_question.push_back(std::move(s));
  }

  // Bands and responses with an N/A answer (covering index campaign_id, band, na_count).
  auto bands =
      TRY(ex.query("SELECT band, COUNT(*), SUM(CASE WHEN na_count > 0 THEN 1 ELSE 0 END) FROM "
                   "survey_responses WHERE campaign_id = $1 GROUP BY band",
                   {campaign_id}));
  for (auto b : {survey::Band::satisfied, survey::Band::fairly_satisfied,
                 survey::Band::moderately_satisfied, survey::Band::dissatisfied}) {
    std::int64_t n = 0;
    for (const auto& r : bands)
      if (r.text(0) == survey::band_name(b)) {
        n = r.i64(1);
        rep.na_responses += r.i64(2);
      }
    rep.bands.emplace_back(survey::band_name(b), n);
  }

  rep.by_centre = TRY(groups(ex, campaign_id, "service_centre_id",
                             "SELECT name_zh FROM service_centres WHERE id = $1"));
  rep.by_engineer =
      TRY(groups(ex, campaign_id, "engineer_id",
                 "SELECT CASE WHEN display_name = '' THEN login ELSE display_name END FROM users "
                 "WHERE id = $1"));
  // The overall mean from the centre groups' sums (every response is in exactly one group).
  std::int64_t n = 0;
  double total = 0;
  for (const auto& g : rep.by_centre) {
    n += g.responses;
    total += g.score_sum;
  }
  if (n > 0) {
    rep.score_percent = round2(total / static_cast<double>(n));
    rep.band = survey::band_of_percent(*rep.score_percent);
  }

  auto comments = TRY(ex.query(
      "SELECT c.response_id, c.question_key, c.comment, r.organisation_id, o.name FROM "
      "survey_comments c JOIN survey_responses r ON r.id = c.response_id JOIN organisations o ON "
      "o.id = r.organisation_id WHERE c.campaign_id = $1 ORDER BY c.response_id DESC, "
      "c.question_key LIMIT " +
          std::to_string(kMaxReportComments),
      {campaign_id}));
  for (const auto& r : comments)
    rep.comments.push_back({r.i64(0), r.text(1), r.text(2), r.i64(3), r.text(4)});
  auto comment_total = TRY(
      ex.query_one("SELECT COUNT(*) FROM survey_comments WHERE campaign_id = $1", {campaign_id}));
  rep.comments_total = comment_total->i64(0);

  // Trend: earlier campaigns of the same template, oldest first, then this one.
  auto earlier = TRY(ex.query(
      "SELECT id, name_zh, name_en, created_at, required_return_bp FROM survey_campaigns WHERE "
      "template_id = $1 AND id < $2 ORDER BY id DESC LIMIT " +
          std::to_string(kMaxTrendCampaigns),
      {campaign->template_id, campaign_id}));
  for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
    SurveyReport::Trend t;
    t.campaign_id = it->i64(0);
    t.name_zh = it->text(1);
    t.name_en = it->text(2);
    t.created_at = parse_rfc3339(it->text(3)).value_or(Instant{});
    const auto tot = TRY(totals(ex, t.campaign_id));
    t.invitations = tot.invitations;
    t.responses = tot.responses;
    if (tot.responses > 0) {
      t.score_percent = round2(tot.score_sum / static_cast<double>(tot.responses));
    }
    t.valid = survey::return_rate(tot.invitations, tot.responses, it->i64(4)).valid;
    rep.trend.push_back(std::move(t));
  }
  SurveyReport::Trend self;
  self.campaign_id = campaign_id;
  self.name_zh = campaign->name_zh;
  self.name_en = campaign->name_en;
  self.created_at = campaign->created_at;
  self.invitations = campaign->invitations;
  self.responses = campaign->responses;
  self.score_percent = rep.score_percent;
  self.valid = rep.return_rate.valid;
  rep.trend.push_back(std::move(self));
  state_in_words(rep);
  return rep;
}

}  // namespace fuwu::app
