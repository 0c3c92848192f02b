#include "app/seed/survey_seed.h"

#include <array>
#include <map>
#include <random>
#include <tuple>

#include "app/platform/audit.h"
#include "app/surveys/survey.h"
#include "base/crypto.h"

namespace fuwu::app {
namespace {

constexpr std::string_view kTemplateCode = "seed-xiangji";

survey::Question scale(std::string key, std::string zh, std::string en, std::int64_t weight,
                       bool allow_na = false) {
  survey::Question q;
  q.key = std::move(key);
  q.text_zh = std::move(zh);
  q.text_en = std::move(en);
  q.weight_bp = weight;
  q.scale_min = 1;
  q.scale_max = 4;
  q.allow_na = allow_na;
  q.labels_zh = {"不满意", "一般", "较满意", "满意"};
  q.labels_en = {"Dissatisfied", "Neutral", "Fairly satisfied", "Satisfied"};
  return q;
}

// The 湘计算机用户满意度调查表 of seed 004 (record 6.2) with its weights.
std::vector<survey::Question> seed_questions() {
  std::vector<survey::Question> qs{
      scale("quality", "贵单位对产品质量评价", "Product quality", 1500),
      scale("presales", "您对市场人员提供的产品销售前服务评价", "Pre-sales service", 1500),
      scale("delivery", "贵单位对合同履约(交货期)的满意程度", "Contract fulfilment (delivery)",
            1500),
      scale("onsite", "您对上门售后服务满意程度", "On-site after-sales service", 2000),
      scale("training", "贵单位对组织的产品培训满意程度", "Product training", 1000, true),
      scale("website", "您对网站提供的信息服务满意程度", "Website information", 1000),
      scale("overall", "您对我们的总体评价", "Overall", 1500)};
  survey::Question c;
  c.key = "remarks";
  c.kind = survey::QuestionKind::comment;
  c.text_zh = "您的宝贵意见和建议";
  c.text_en = "Your comments and suggestions";
  qs.push_back(std::move(c));
  return qs;
}

constexpr std::array<std::string_view, 6> kComments = {"工程师响应及时, 服务态度好",
                                                       "备件等待时间太长",
                                                       "希望增加培训次数",
                                                       "The engineer was professional and quick",
                                                       "发票开具有延误",
                                                       "总体满意, 继续保持"};

struct Target {
  std::int64_t organisation_id = 0;
  std::int64_t centre_id = 0;
  std::int64_t engineer_id = 0;
};

Result<std::int64_t> ensure_template(store::Executor& ex, const Actor& actor, Instant now) {
  auto row = TRY(ex.query_one("SELECT id FROM survey_templates WHERE code = $1",
                              {std::string(kTemplateCode)}));
  if (row) return row->i64(0);
  NewSurveyTemplate t;
  t.code = kTemplateCode;
  t.name_zh = "用户满意度调查表 (示例)";
  t.name_en = "User satisfaction survey (demo)";
  t.questions = seed_questions();
  auto created = TRY(create_survey_template(ex, actor, now, t));
  return created.id;
}

}  // namespace

Result<SurveySeedReport> seed_surveys(Services& s, const SurveySeedOptions& o,
                                      const std::function<void(std::int64_t done)>& progress) {
  SurveySeedReport report;
  if (o.responses <= 0) return report;
  const Actor actor = Actor::system("cli");
  const Instant now = s.clock.now();
  const std::string ts = format_rfc3339(now);
  std::vector<std::int64_t> organisations;
  std::vector<std::pair<std::int64_t, std::int64_t>> engineers;  // centre, user
  std::int64_t template_id = 0;
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    template_id = TRY(ensure_template(ex, actor, now));
    for (const auto& r : TRY(ex.query("SELECT id FROM organisations WHERE kind = 'customer' "
                                      "ORDER BY id LIMIT 5000")))
      organisations.push_back(r.i64(0));
    for (const auto& r : TRY(ex.query("SELECT service_centre_id, user_id FROM engineers ORDER "
                                      "BY service_centre_id, user_id")))
      engineers.emplace_back(r.i64(0), r.i64(1));
    return {};
  }));
  if (organisations.empty()) {
    return Error(ErrorCode::validation_failed,
                 "no customer organisations to survey: seed tickets first (fuwu seed --tickets)");
  }
  const auto questions = seed_questions();
  const std::int64_t invitations = o.responses * 10 / 9 + 1;  // a return rate of 90 %
  std::mt19937_64 rng(o.random_seed * 7919 + 17);
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    auto ins = TRY(ex.query(
        "INSERT INTO survey_campaigns (template_id, template_version, name_zh, name_en, channel, "
        "population, state, created_at, updated_at) VALUES ($1, 1, $2, $3, 'email', $4, 'open', "
        "$5, $5) RETURNING id",
        {template_id, std::string("示例满意度调查"), std::string("Demo satisfaction survey"),
         std::string("{\"kind\":\"organisations\",\"seeded\":true}"), ts}));
    report.campaign_id = ins.at(0).i64(0);
    return {};
  }));
  // Answers per question are skewed towards 满意; some centres and engineers do worse.
  std::map<std::tuple<std::string, std::int64_t>, std::int64_t> counts;
  std::int64_t done = 0;
  while (report.invitations < invitations) {
    TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
      for (int b = 0; b < o.batch && report.invitations < invitations; ++b) {
        Target t;
        t.organisation_id = organisations[rng() % organisations.size()];
        if (!engineers.empty()) {
          const auto& e = engineers[rng() % engineers.size()];
          t.centre_id = e.first;
          t.engineer_id = e.second;
        }
        auto inv = TRY(ex.query(
            "INSERT INTO survey_invitations (campaign_id, organisation_id, engineer_id, "
            "service_centre_id, token, responded_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
            "$7) RETURNING id",
            {report.campaign_id, t.organisation_id,
             t.engineer_id ? store::Value(t.engineer_id) : store::Value(store::Null{}),
             t.centre_id ? store::Value(t.centre_id) : store::Value(store::Null{}),
             crypto::random_token(24),
             done < o.responses ? store::Value(ts) : store::Value(store::Null{}), ts}));
        ++report.invitations;
        if (done >= o.responses) continue;
        const std::int64_t bias = static_cast<std::int64_t>(t.engineer_id % 3);  // 0 best
        std::vector<survey::Answer> answers;
        for (const auto& q : questions) {
          if (q.kind == survey::QuestionKind::comment) {
            if (rng() % 20 == 0)
              answers.push_back(
                  {q.key, std::nullopt, false, std::string(kComments[rng() % kComments.size()])});
            continue;
          }
          if (q.allow_na && rng() % 3 == 0) {
            answers.push_back({q.key, std::nullopt, true, {}});
            continue;
          }
          const auto roll = static_cast<std::int64_t>(rng() % 100) + bias * 12;
          const int v = roll < 55 ? 4 : roll < 85 ? 3 : roll < 95 ? 2 : 1;
          answers.push_back({q.key, v, false, {}});
        }
        auto score = TRY(survey::score_response(questions, answers));
        const auto band = survey::band_of(score.value);
        auto resp = TRY(ex.query(
            "INSERT INTO survey_responses (campaign_id, template_id, template_version, "
            "invitation_id, organisation_id, engineer_id, service_centre_id, submitted_at, "
            "score_percent, band, na_count, answers) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, "
            "$9, $10, $11) RETURNING id",
            {report.campaign_id, template_id, inv.at(0).i64(0), t.organisation_id,
             t.engineer_id ? store::Value(t.engineer_id) : store::Value(store::Null{}),
             t.centre_id ? store::Value(t.centre_id) : store::Value(store::Null{}), ts,
             survey::percent(score.value, 4), std::string(survey::band_name(band)),
             std::int64_t{score.na_count}, answers_to_json(answers)}));
        for (const auto& a : answers) {
          if (a.value || a.not_applicable) ++counts[{a.key, a.value.value_or(-1)}];
          if (!a.comment.empty()) {
            TRY_VOID(ex.exec(
                "INSERT INTO survey_comments (response_id, question_key, campaign_id, comment) "
                "VALUES ($1, $2, $3, $4)",
                {resp.at(0).i64(0), a.key, report.campaign_id, a.comment}));
          }
        }
        ++done;
      }
      return {};
    }));
    progress(done);
  }
  report.responses = done;
  TRY_VOID(s.db.write([&](store::Executor& ex) -> Status {
    for (const auto& [key, n] : counts) {
      TRY_VOID(ex.exec(
          "INSERT INTO survey_answer_counts (campaign_id, question_key, answer, responses) VALUES "
          "($1, $2, $3, $4)",
          {report.campaign_id, std::get<0>(key), std::get<1>(key), n}));
    }
    return write_audit(ex, actor, now, "seed", 0, "seed_surveys",
                       {{"campaign_id", std::nullopt, std::to_string(report.campaign_id)},
                        {"invitations", std::nullopt, std::to_string(report.invitations)},
                        {"responses", std::nullopt, std::to_string(report.responses)}});
  }));
  return report;
}

}  // namespace fuwu::app
