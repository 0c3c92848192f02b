#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/surveys/survey.h"

namespace fuwu::app {

Result<SurveyTemplate> create_survey_template(store::Executor& ex, const Actor& actor, Instant now,
                                              const NewSurveyTemplate& in) {
  if (!access::can(actor.principal, "survey.write")) {
    return Error(ErrorCode::permission_denied, "you may not change survey templates");
  }
  TRY_VOID(survey::validate_questions(in.questions));
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO survey_templates (code, name_zh, name_en, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $4) RETURNING id",
      {in.code, in.name_zh, in.name_en, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "a survey template with this code exists")
          .with_field("code", "taken", "choose another code");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  const std::string questions = questions_to_json(in.questions);
  TRY_VOID(
      ex.exec("INSERT INTO survey_template_versions (template_id, template_version, questions, "
              "created_at) VALUES ($1, 1, $2, $3)",
              {id, questions, ts}));
  TRY_VOID(write_audit(ex, actor, now, "survey_template", id, "create",
                       {{"code", std::nullopt, in.code},
                        {"name_zh", std::nullopt, in.name_zh},
                        {"template_version", std::nullopt, "1"},
                        {"questions", std::nullopt, questions}}));
  TRY_VOID(emit_event(ex, actor, now, "survey_template.created", "survey_template", id));
  auto t = TRY(find_survey_template(ex, id));
  return *t;
}

}  // namespace fuwu::app
