#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/surveys/survey.h"

namespace fuwu::app {

// Changing the questions makes a new template version; campaigns keep the version they were
// created with, so their responses stay comparable with their own questions.
Result<SurveyTemplate> update_survey_template(store::Executor& ex, const Actor& actor, Instant now,
                                              std::int64_t id, std::int64_t expected_version,
                                              const SurveyTemplatePatch& p) {
  if (!access::can(actor.principal, "survey.write")) {
    return Error(ErrorCode::permission_denied, "you may not change survey templates");
  }
  auto found = TRY(find_survey_template(ex, id));
  if (!found) return Error(ErrorCode::not_found, "no such survey template");
  const SurveyTemplate old = *found;
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed, "the template changed since you loaded it");
  }
  if (p.questions) TRY_VOID(survey::validate_questions(*p.questions));
  ChangeSet changes;
  SurveyTemplate t = old;
  if (p.name_zh) t.name_zh = *p.name_zh;
  if (p.name_en) t.name_en = *p.name_en;
  changes.add("name_zh", old.name_zh, t.name_zh);
  changes.add("name_en", old.name_en, t.name_en);
  const std::string ts = format_rfc3339(now);
  if (p.questions) {
    const std::string before = questions_to_json(old.questions);
    const std::string after = questions_to_json(*p.questions);
    if (before != after) {
      t.template_version = old.template_version + 1;
      TRY_VOID(
          ex.exec("INSERT INTO survey_template_versions (template_id, template_version, questions, "
                  "created_at) VALUES ($1, $2, $3, $4)",
                  {id, t.template_version, after, ts}));
      changes.add("template_version", std::to_string(old.template_version),
                  std::to_string(t.template_version));
      changes.add("questions", before, after);
    }
  }
  if (changes.empty()) return old;
  const auto n =
      TRY(ex.exec("UPDATE survey_templates SET name_zh = $1, name_en = $2, template_version = $3, "
                  "version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6",
                  {t.name_zh, t.name_en, t.template_version, ts, id, expected_version}));
  if (n != 1) return Error(ErrorCode::precondition_failed, "the template changed meanwhile");
  TRY_VOID(write_audit(ex, actor, now, "survey_template", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "survey_template.updated", "survey_template", id));
  auto updated = TRY(find_survey_template(ex, id));
  return *updated;
}

}  // namespace fuwu::app
