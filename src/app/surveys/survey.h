// Satisfaction surveys (满意度调查, issue 9): templates with versioned weighted questions,
// campaigns to a population through one channel, invitations per respondent, responses scored
// as in seed 004 §5.1.17 (domain/survey), and the analysis report (顾客满意度分析报告). Use
// cases, one per file in this folder, each inside the caller's unit of work.
//
// Access:
//   survey.read    templates, campaigns, their invitations and reports (scope all: the desk).
//   survey.write   create and change templates; create, close and reopen campaigns.
//   survey.respond answer an invitation: scope all (an agent enters a paper or phone answer),
//                  organisation (a customer: their organisation's invitations of portal and
//                  e-mail campaigns), own (an engineer: invitations of sign-off campaigns about
//                  their own work orders). An invitation out of reach is not_found.
//   An e-mailed invitation's token is the capability: answering by token needs no login.
//
// Rules: questions as domain/survey (weights of scored questions sum to exactly 1, else
// validation_failed naming the sum); a template change makes a new template version, campaigns
// keep the version they were created with. A response to a closed campaign is
// invalid_transition; a second response to an invitation returns the first when the answers are
// the same (idempotent), else conflict. A response scoring below the campaign's threshold emits
// "survey.low_score" (record survey_response) for follow-ups and complaints to act on.
//
// E-mail invitations: a campaign of channel "email" sends each invitation's link by e-mail
// (plan_survey_invitation_mails, outbox consumer "surveys.invitation_mails") to the person who
// reported the surveyed record, or, for an invitation of a whole organisation, to its people with
// an e-mail address; template "survey.invitation" of notification_templates in the recipient's
// language (zh-CN, en), sent as notification deliveries by the notify.deliver job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/notify/notify.h"
#include "app/platform/context.h"
#include "domain/survey/survey.h"
#include "report/language.h"

namespace fuwu::app {

struct SurveyTemplate {
  std::int64_t id = 0;
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::int64_t template_version = 1;  // the current questions
  std::vector<survey::Question> questions;
  std::int64_t version = 1;  // ETag
  Instant created_at;
  Instant updated_at;
};

struct NewSurveyTemplate {
  std::string code;
  std::string name_zh;
  std::string name_en;
  std::vector<survey::Question> questions;
};

struct SurveyTemplatePatch {
  std::optional<std::string> name_zh;
  std::optional<std::string> name_en;
  std::optional<std::vector<survey::Question>> questions;  // a new template version
};

// How a campaign's invitations are chosen.
struct SurveyPopulation {
  // closed_in_period: one invitation per work order or ticket of a customer organisation closed
  //   in [from, to] (China dates), about that record (its engineer and service centre);
  // organisations: one invitation per listed customer organisation (e.g. the key customers);
  // records: one invitation per listed work order or ticket (e.g. at sign-off).
  std::string kind = "closed_in_period";
  std::optional<Date> from;
  std::optional<Date> to;
  std::string record_kind;  // closed_in_period: "work_order", "ticket" or "" (both)
  std::vector<std::int64_t> ids;
};

struct SurveyCampaign {
  std::int64_t id = 0;
  std::int64_t template_id = 0;
  std::int64_t template_version = 1;
  std::string template_name_zh;
  std::string name_zh;
  std::string name_en;
  std::string channel;  // portal | email | sign_off
  std::string population_json;
  std::string state;  // open | closed
  std::int64_t required_return_bp = 8500;
  std::int64_t low_score_bp = 6000;
  std::int64_t invitations = 0;
  std::int64_t responses = 0;
  std::optional<Instant> closed_at;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewSurveyCampaign {
  std::int64_t template_id = 0;
  std::string name_zh;
  std::string name_en;
  std::string channel = "portal";
  SurveyPopulation population;
  std::int64_t required_return_bp = 8500;
  std::int64_t low_score_bp = 6000;
};

struct SurveyInvitation {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::string campaign_name_zh;
  std::string campaign_name_en;
  std::string channel;
  std::string campaign_state;
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  std::optional<std::int64_t> ticket_id;
  std::string ticket_number;
  std::optional<std::int64_t> engineer_id;
  std::optional<std::int64_t> service_centre_id;
  std::string token;  // only shown to survey.read holders (for e-mailing) and by token
  std::optional<Instant> responded_at;
  std::optional<std::int64_t> response_id;
};

struct SurveyResponse {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t invitation_id = 0;
  std::int64_t organisation_id = 0;
  std::optional<std::int64_t> ticket_id;
  std::optional<std::int64_t> engineer_id;
  std::optional<std::int64_t> service_centre_id;
  Instant submitted_at;
  double score_percent = 0;
  survey::Band band = survey::Band::dissatisfied;
  int na_count = 0;
  std::int64_t na_weight_bp = 0;
  bool low_score = false;
  std::vector<survey::Answer> answers;
  bool replayed = false;  // the invitation had this very response already
};

struct SubmitSurveyResponse {
  std::optional<std::int64_t> invitation_id;  // signed in
  std::optional<std::string> token;           // by e-mailed link
  std::vector<survey::Answer> answers;
};

// The analysis report of one campaign (顾客满意度分析报告).
struct SurveyReport {
  SurveyCampaign campaign;
  std::vector<survey::Question> questions;
  survey::ReturnRate return_rate;
  std::optional<double>
      score_percent;  // the mean response score, 2 decimals; none without responses
  std::optional<survey::Band> band;
  std::int64_t na_responses = 0;  // responses with at least one N/A answer (weight shared out)
  struct Count {
    std::int64_t answer = 0;  // scale value; -1 = not applicable
    std::int64_t responses = 0;
  };
  struct QuestionStats {
    std::string key;
    std::int64_t answered = 0;
    std::int64_t not_applicable = 0;
    std::optional<double> average;          // on the question's scale, 2 decimals
    std::optional<double> average_percent;  // normalised to 0..100, 2 decimals
    std::vector<Count> distribution;        // every scale point (0 included), then N/A
  };
  std::vector<QuestionStats> per_question;
  std::vector<std::pair<std::string, std::int64_t>> bands;  // band name → responses
  struct Group {
    std::int64_t id = 0;  // 0: none recorded
    std::string name;
    std::int64_t responses = 0;
    double score_sum = 0;      // Σ score_percent of its responses
    double score_percent = 0;  // their mean, 2 decimals
    survey::Band band = survey::Band::dissatisfied;
  };
  std::vector<Group> by_centre;
  std::vector<Group> by_engineer;
  struct Comment {
    std::int64_t response_id = 0;
    std::string question_key;
    std::string comment;
    std::int64_t organisation_id = 0;
    std::string organisation_name;
  };
  std::vector<Comment> comments;  // newest first, at most 200
  std::int64_t comments_total = 0;
  struct Trend {
    std::int64_t campaign_id = 0;
    std::string name_zh;
    std::string name_en;
    Instant created_at;
    std::int64_t invitations = 0;
    std::int64_t responses = 0;
    std::optional<double> score_percent;
    bool valid = false;
  };
  // Earlier campaigns of the same template (≤ 12), oldest first, then this one.
  std::vector<Trend> trend;
  // In words, to print as they are: whether the campaign is valid, and how N/A was counted.
  std::string validity_zh;
  std::string validity_en;
  std::string not_applicable_zh;
  std::string not_applicable_en;
};

inline constexpr std::size_t kMaxReportComments = 200;
inline constexpr std::size_t kMaxTrendCampaigns = 12;

// Shared by the use cases (survey.cc).
Result<std::optional<SurveyTemplate>> find_survey_template(store::Executor& ex, std::int64_t id);
Result<std::vector<survey::Question>> load_template_questions(store::Executor& ex,
                                                              std::int64_t template_id,
                                                              std::int64_t template_version);
Result<std::optional<SurveyCampaign>> find_survey_campaign(store::Executor& ex, std::int64_t id);
std::string questions_to_json(const std::vector<survey::Question>& questions);
Result<std::vector<survey::Question>> questions_from_json(std::string_view json);
std::string answers_to_json(const std::vector<survey::Answer>& answers);
std::vector<survey::Answer> answers_from_json(std::string_view json);
// One invitation by id or by token (exactly one given), with its campaign's name and state.
Result<std::optional<SurveyInvitation>> find_survey_invitation(store::Executor& ex,
                                                               std::optional<std::int64_t> id,
                                                               std::optional<std::string> token);
// Invitations matching `where` (SQL on alias i = survey_invitations, c = survey_campaigns),
// ordered by i.id, at most `limit`.
Result<std::vector<SurveyInvitation>> query_survey_invitations(
    store::Executor& ex, std::string_view where, std::initializer_list<store::Value> params,
    int limit);
// Whether the principal may answer this invitation (survey.respond and its scope).
bool may_respond(const access::Principal& p, const SurveyInvitation& invitation);

// Templates.
Result<SurveyTemplate> create_survey_template(store::Executor& ex, const Actor& actor, Instant now,
                                              const NewSurveyTemplate& input);
Result<SurveyTemplate> update_survey_template(store::Executor& ex, const Actor& actor, Instant now,
                                              std::int64_t id, std::int64_t expected_version,
                                              const SurveyTemplatePatch& patch);
// `template_version` 0: the current one.
Result<SurveyTemplate> get_survey_template(store::Executor& ex, const Actor& actor, std::int64_t id,
                                           std::int64_t template_version = 0);
Result<std::vector<SurveyTemplate>> list_survey_templates(store::Executor& ex, const Actor& actor);

// Campaigns.
Result<SurveyCampaign> create_survey_campaign(store::Executor& ex, const Actor& actor, Instant now,
                                              const NewSurveyCampaign& input);
Result<SurveyCampaign> get_survey_campaign(store::Executor& ex, const Actor& actor,
                                           std::int64_t id);
Result<std::vector<SurveyCampaign>> list_survey_campaigns(store::Executor& ex, const Actor& actor);
// state "open" or "closed" (reopening is allowed: late paper forms).
Result<SurveyCampaign> set_survey_campaign_state(store::Executor& ex, const Actor& actor,
                                                 Instant now, std::int64_t id,
                                                 std::int64_t expected_version,
                                                 std::string_view state);

// Invitations: of one campaign (survey.read), or the caller's own open ones (survey.respond).
Result<std::vector<SurveyInvitation>> list_survey_invitations(store::Executor& ex,
                                                              const Actor& actor,
                                                              std::int64_t campaign_id,
                                                              std::int64_t after_id, int limit);
Result<std::vector<SurveyInvitation>> list_my_survey_invitations(store::Executor& ex,
                                                                 const Actor& actor);
// The form behind an e-mailed token (no login): the invitation and its questions.
struct SurveyForm {
  SurveyInvitation invitation;
  std::vector<survey::Question> questions;
};
Result<SurveyForm> get_survey_form(store::Executor& ex, const Actor& actor,
                                   std::optional<std::int64_t> invitation_id,
                                   std::optional<std::string> token);

// Responses.
Result<SurveyResponse> submit_survey_response(store::Executor& ex, const Actor& actor, Instant now,
                                              std::int64_t campaign_id,
                                              const SubmitSurveyResponse& input);

// The report.
Result<SurveyReport> survey_campaign_report(store::Executor& ex, const Actor& actor,
                                            std::int64_t campaign_id);
// The report as an XLSX workbook (bytes); internal when the writer fails.
Result<std::string> survey_report_xlsx(const SurveyReport& report);
// The analysis report as a PDF (report/pdf) in Chinese or English, printed at `now`.
Result<std::string> survey_report_pdf(const SurveyReport& report, report::Language lang,
                                      Instant now);

inline constexpr std::string_view kSurveyMailConsumer = "surveys.invitation_mails";
inline constexpr std::string_view kSurveyInvitationMail = "survey.invitation";

// One pass inside the caller's write unit: reads survey_campaign.created after the consumer's
// cursor and, for a campaign of channel "email", writes one e-mail delivery per invitation and
// recipient (skipped when no SMTP server is configured) and enqueues its notify.deliver job.
// The link is options.public_url + "/survey/<token>". Returns the number of jobs enqueued.
Result<int> plan_survey_invitation_mails(store::Executor& ex, Instant now,
                                         const DispatchOptions& options);

}  // namespace fuwu::app
