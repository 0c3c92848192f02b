// /api/v1/surveys: satisfaction survey templates, campaigns, invitations, responses and the
// campaign report (顾客满意度分析报告). See app/surveys/survey.h for the rules.
#include "app/surveys/survey.h"
#include "http/handlers/common.h"
#include "http/handlers/download.h"
#include "http/handlers/handlers.h"
#include "http/handlers/survey_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kCode{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kNameEn{.max_chars = 200, .single_line = true};
constexpr TextRule kQuestion{.min_chars = 1, .max_chars = 500};
constexpr TextRule kQuestionEn{.max_chars = 500};
constexpr TextRule kComment{.max_chars = survey::kMaxCommentChars};

std::vector<std::string> read_labels(BodyReader& r, std::string_view key) {
  std::vector<std::string> out;
  const auto* raw = r.raw(key);
  if (raw == nullptr) return out;
  const auto* array = raw->if_array();
  if (array == nullptr) {
    r.add_error(r.pointer_of(key), "wrong_type", "an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* s = (*array)[i].if_string();
    if (s == nullptr) {
      r.add_error(r.pointer_of(key) + "/" + std::to_string(i), "wrong_type", "a string");
      continue;
    }
    out.emplace_back(s->data(), s->size());
  }
  return out;
}

// "questions": [{key, kind, text_zh, text_en, weight_bp, scale_min, scale_max, allow_na,
// labels_zh, labels_en}]; problems are recorded in `r`.
std::optional<std::vector<survey::Question>> read_questions(BodyReader& r, Presence p) {
  const auto* raw = r.raw("questions", p);
  if (raw == nullptr) return std::nullopt;
  const auto* array = raw->if_array();
  if (array == nullptr || array->size() > survey::kMaxQuestions) {
    r.add_error(r.pointer_of("questions"), array ? "too_many" : "wrong_type",
                array ? "at most 50 questions" : "an array of questions");
    return std::nullopt;
  }
  std::vector<survey::Question> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto nested =
        BodyReader::from((*array)[i], r.pointer_of("questions") + "/" + std::to_string(i));
    if (!nested.ok()) {
      r.add_errors(Status(nested.error()));
      continue;
    }
    auto& q = *nested;
    survey::Question out_q;
    out_q.key = q.text("key", Presence::required, kCode).value_or("");
    const auto kind = q.one_of("kind", {"scale", "comment"}).value_or("scale");
    out_q.kind = *survey::parse_question_kind(kind);
    out_q.text_zh = q.text("text_zh", Presence::required, kQuestion).value_or("");
    out_q.text_en = q.text("text_en", Presence::optional, kQuestionEn).value_or("");
    out_q.weight_bp = q.integer("weight_bp", Presence::optional, {0, 1000000}).value_or(0);
    out_q.scale_min =
        static_cast<int>(q.integer("scale_min", Presence::optional, {-100, 100}).value_or(1));
    out_q.scale_max =
        static_cast<int>(q.integer("scale_max", Presence::optional, {-100, 100}).value_or(5));
    out_q.allow_na = q.boolean("allow_na").value_or(false);
    out_q.labels_zh = read_labels(q, "labels_zh");
    out_q.labels_en = read_labels(q, "labels_en");
    r.add_errors(q.finish());
    out.push_back(std::move(out_q));
  }
  return out;
}

// "answers": [{key, value | not_applicable | comment}].
std::vector<survey::Answer> read_answers(BodyReader& r) {
  std::vector<survey::Answer> out;
  const auto* raw = r.raw("answers", Presence::required);
  if (raw == nullptr) return out;
  const auto* array = raw->if_array();
  if (array == nullptr || array->size() > survey::kMaxQuestions) {
    r.add_error(r.pointer_of("answers"), array ? "too_many" : "wrong_type",
                array ? "at most 50 answers" : "an array of answers");
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto nested = BodyReader::from((*array)[i], r.pointer_of("answers") + "/" + std::to_string(i));
    if (!nested.ok()) {
      r.add_errors(Status(nested.error()));
      continue;
    }
    auto& a = *nested;
    survey::Answer answer;
    answer.key = a.text("key", Presence::required, kCode).value_or("");
    if (auto v = a.integer("value", Presence::optional, {-1000000, 1000000})) {
      answer.value = static_cast<int>(*v);
    }
    answer.not_applicable = a.boolean("not_applicable").value_or(false);
    answer.comment = a.text("comment", Presence::optional, kComment).value_or("");
    r.add_errors(a.finish());
    out.push_back(std::move(answer));
  }
  return out;
}

void respond_template(ApiContext& ctx, int status, const app::SurveyTemplate& t) {
  ctx.response.set_header("ETag", etag(t.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/surveys/templates/" + std::to_string(t.id));
  }
  respond(ctx, status, survey_template_json(t));
}

void respond_campaign(ApiContext& ctx, int status, const app::SurveyCampaign& c) {
  ctx.response.set_header("ETag", etag(c.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/surveys/campaigns/" + std::to_string(c.id));
  }
  respond(ctx, status, survey_campaign_json(c));
}

Status list_templates(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items = TRY(app::list_survey_templates(ex, ctx.actor()));
    boost::json::array out;
    for (const auto& t : items)
      out.push_back(survey_template_json(t));
    respond_page(ctx, std::move(out), "", std::nullopt);
    return {};
  });
}

Status create_template(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewSurveyTemplate in;
  in.code = r.text("code", Presence::required, kCode).value_or("");
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.name_en = r.text("name_en", Presence::optional, kNameEn).value_or("");
  in.questions = read_questions(r, Presence::required).value_or(std::vector<survey::Question>{});
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::create_survey_template(ex, ctx.actor(), ctx.now(), in));
    respond_template(ctx, 201, t);
    return {};
  });
}

Status get_template(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::int64_t template_version = 0;
  if (auto v = TRY(id_query(ctx, "template_version"))) template_version = *v;
  return ctx.read([&](store::Executor& ex) -> Status {
    auto t = TRY(app::get_survey_template(ex, ctx.actor(), id, template_version));
    respond_template(ctx, 200, t);
    return {};
  });
}

Status patch_template(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::SurveyTemplatePatch p;
  p.name_zh = r.text("name_zh", Presence::optional, kName);
  p.name_en = r.text("name_en", Presence::optional, kNameEn);
  p.questions = read_questions(r, Presence::optional);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::update_survey_template(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_template(ctx, 200, t);
    return {};
  });
}

Status list_campaigns(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items = TRY(app::list_survey_campaigns(ex, ctx.actor()));
    boost::json::array out;
    for (const auto& c : items)
      out.push_back(survey_campaign_json(c));
    respond_page(ctx, std::move(out), "", std::nullopt);
    return {};
  });
}

std::vector<std::int64_t> read_ids(BodyReader& r, std::string_view key) {
  std::vector<std::int64_t> out;
  const auto* raw = r.raw(key);
  if (raw == nullptr) return out;
  const auto* array = raw->if_array();
  if (array == nullptr) {
    r.add_error(r.pointer_of(key), "wrong_type", "an array of ids");
    return out;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* n = (*array)[i].if_int64();
    if (n == nullptr || *n <= 0) {
      r.add_error(r.pointer_of(key) + "/" + std::to_string(i), "wrong_type", "a positive id");
      continue;
    }
    out.push_back(*n);
  }
  return out;
}

Status create_campaign(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewSurveyCampaign in;
  in.template_id = r.integer("template_id", Presence::required, {1}).value_or(0);
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.name_en = r.text("name_en", Presence::optional, kNameEn).value_or("");
  in.channel =
      r.one_of("channel", {"portal", "email", "sign_off"}, Presence::required).value_or("portal");
  in.required_return_bp =
      r.integer("required_return_bp", Presence::optional, {1, 10000}).value_or(8500);
  in.low_score_bp = r.integer("low_score_bp", Presence::optional, {0, 10000}).value_or(6000);
  if (const auto* raw = r.raw("population", Presence::required)) {
    auto nested = BodyReader::from(*raw, r.pointer_of("population"));
    if (!nested.ok()) {
      r.add_errors(Status(nested.error()));
    } else {
      auto& p = *nested;
      in.population.kind =
          p.one_of("kind", {"closed_in_period", "organisations", "records"}, Presence::required)
              .value_or("closed_in_period");
      in.population.from = p.date("from");
      in.population.to = p.date("to");
      in.population.record_kind = p.one_of("record_kind", {"work_order", "ticket"}).value_or("");
      in.population.ids = read_ids(p, "ids");
      r.add_errors(p.finish());
    }
  }
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::create_survey_campaign(ex, ctx.actor(), ctx.now(), in));
    respond_campaign(ctx, 201, c);
    return {};
  });
}

Status get_campaign(ApiContext& ctx) {
  return get_by_id(ctx, app::get_survey_campaign, respond_campaign);
}

Status set_state(ApiContext& ctx, std::string_view state) {
  const auto id = TRY(ctx.id_param());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::set_survey_campaign_state(ex, ctx.actor(), ctx.now(), id, version, state));
    respond_campaign(ctx, 200, c);
    return {};
  });
}

Status close_campaign(ApiContext& ctx) {
  return set_state(ctx, "closed");
}
Status reopen_campaign(ApiContext& ctx) {
  return set_state(ctx, "open");
}

Status list_invitations(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto page = TRY(page_request(ctx, "survey_invitations"));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items =
        TRY(app::list_survey_invitations(ex, ctx.actor(), id, page.after_id, page.limit + 1));
    std::optional<std::int64_t> next;
    if (items.size() > static_cast<std::size_t>(page.limit)) {
      items.pop_back();
      next = items.back().id;
    }
    boost::json::array out;
    for (const auto& i : items)
      out.push_back(survey_invitation_json(i));
    respond_page(ctx, std::move(out), "survey_invitations", next);
    return {};
  });
}

Status my_invitations(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items = TRY(app::list_my_survey_invitations(ex, ctx.actor()));
    boost::json::array out;
    for (const auto& i : items)
      out.push_back(survey_invitation_json(i));
    respond_page(ctx, std::move(out), "", std::nullopt);
    return {};
  });
}

Status respond_form(ApiContext& ctx, std::optional<std::int64_t> id,
                    std::optional<std::string> token) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto f = TRY(app::get_survey_form(ex, ctx.actor(), id, token));
    respond(ctx, 200,
            boost::json::object{{"invitation", survey_invitation_json(f.invitation)},
                                {"questions", survey_questions_json(f.questions)}});
    return {};
  });
}

Status get_form(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return respond_form(ctx, id, std::nullopt);
}

Status get_form_by_token(ApiContext& ctx) {
  return respond_form(ctx, std::nullopt, std::string(ctx.params.get("token")));
}

Status submit(ApiContext& ctx, std::int64_t campaign_id, std::optional<std::string> token) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::SubmitSurveyResponse in;
  in.token = std::move(token);
  if (!in.token) in.invitation_id = r.integer("invitation_id", Presence::required, {1});
  in.answers = read_answers(r);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto resp = TRY(app::submit_survey_response(ex, ctx.actor(), ctx.now(), campaign_id, in));
    if (!resp.replayed) {
      ctx.response.set_header("Location", "/api/v1/surveys/campaigns/" +
                                              std::to_string(campaign_id) + "/responses/" +
                                              std::to_string(resp.id));
    }
    respond(ctx, resp.replayed ? 200 : 201, survey_response_json(resp));
    return {};
  });
}

Status submit_response(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return submit(ctx, id, std::nullopt);
}

// By an e-mailed link: the token names the invitation (and so the campaign).
Status submit_by_token(ApiContext& ctx) {
  const std::string token(ctx.params.get("token"));
  std::int64_t campaign_id = 0;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    auto i = TRY(app::find_survey_invitation(ex, std::nullopt, token));
    if (!i) return Error(ErrorCode::not_found, "no such survey form");
    campaign_id = i->campaign_id;
    return {};
  }));
  return submit(ctx, campaign_id, token);
}

Status report(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto rep = TRY(app::survey_campaign_report(ex, ctx.actor(), id));
    respond(ctx, 200, survey_report_json(rep));
    return {};
  });
}

// The report as an XLSX workbook (a download).
Status report_xlsx(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  app::SurveyReport rep;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    rep = TRY(app::survey_campaign_report(ex, ctx.actor(), id));
    return {};
  }));
  respond_xlsx(ctx, "survey-report-" + std::to_string(id) + ".xlsx",
               TRY(app::survey_report_xlsx(rep)));
  return {};
}

// The report as a PDF, in the language of ?lang= or Accept-Language (a download).
Status report_pdf(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto lang = TRY(document_language(ctx));
  app::SurveyReport rep;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    rep = TRY(app::survey_campaign_report(ex, ctx.actor(), id));
    return {};
  }));
  respond_pdf(ctx, "survey-report-" + std::to_string(id) + ".pdf",
              TRY(app::survey_report_pdf(rep, lang, ctx.now())));
  return {};
}

}  // namespace

void add_survey_routes(Router& router) {
  router.add({"GET", "/api/v1/surveys/templates", "listSurveyTemplates", Access::permission,
              "survey.read", BodyKind::none, list_templates});
  router.add({"POST", "/api/v1/surveys/templates", "createSurveyTemplate", Access::permission,
              "survey.write", BodyKind::json, create_template});
  router.add({"GET", "/api/v1/surveys/templates/{id}", "getSurveyTemplate", Access::permission,
              "survey.read", BodyKind::none, get_template});
  router.add({"PATCH", "/api/v1/surveys/templates/{id}", "updateSurveyTemplate", Access::permission,
              "survey.write", BodyKind::json, patch_template});
  router.add({"GET", "/api/v1/surveys/campaigns", "listSurveyCampaigns", Access::permission,
              "survey.read", BodyKind::none, list_campaigns});
  router.add({"POST", "/api/v1/surveys/campaigns", "createSurveyCampaign", Access::permission,
              "survey.write", BodyKind::json, create_campaign});
  router.add({"GET", "/api/v1/surveys/campaigns/{id}", "getSurveyCampaign", Access::permission,
              "survey.read", BodyKind::none, get_campaign});
  router.add({"POST", "/api/v1/surveys/campaigns/{id}/close", "closeSurveyCampaign",
              Access::permission, "survey.write", BodyKind::none, close_campaign});
  router.add({"POST", "/api/v1/surveys/campaigns/{id}/reopen", "reopenSurveyCampaign",
              Access::permission, "survey.write", BodyKind::none, reopen_campaign});
  router.add({"GET", "/api/v1/surveys/campaigns/{id}/invitations", "listSurveyInvitations",
              Access::permission, "survey.read", BodyKind::none, list_invitations});
  router.add({"POST", "/api/v1/surveys/campaigns/{id}/responses", "submitSurveyResponse",
              Access::permission, "survey.respond", BodyKind::json, submit_response});
  router.add({"GET", "/api/v1/surveys/campaigns/{id}/report", "getSurveyReport", Access::permission,
              "survey.read", BodyKind::none, report});
  router.add({"GET", "/api/v1/surveys/campaigns/{id}/report.xlsx", "downloadSurveyReport",
              Access::permission, "survey.read", BodyKind::none, report_xlsx});
  router.add({"GET", "/api/v1/surveys/campaigns/{id}/report.pdf", "downloadSurveyReportPdf",
              Access::permission, "survey.read", BodyKind::none, report_pdf});
  router.add({"GET", "/api/v1/surveys/invitations", "listMySurveyInvitations", Access::permission,
              "survey.respond", BodyKind::none, my_invitations});
  router.add({"GET", "/api/v1/surveys/invitations/{id}/form", "getSurveyForm", Access::permission,
              "survey.respond", BodyKind::none, get_form});
  router.add({"GET", "/api/v1/surveys/forms/{token}", "getSurveyFormByToken", Access::public_route,
              "", BodyKind::none, get_form_by_token});
  router.add({"POST", "/api/v1/surveys/forms/{token}/responses", "submitSurveyResponseByToken",
              Access::public_route, "", BodyKind::json, submit_by_token});
}

}  // namespace fuwu::http
