// Notification templates: one per event type and language (administrators).
#include "app/notify/notify.h"
#include "app/platform/audit.h"
#include "domain/notify/template.h"

namespace fuwu::app {

Result<std::vector<NotificationTemplate>> list_templates(store::Executor& ex, const Actor& actor) {
  TRY_VOID(require_notification_admin(actor));
  auto rows =
      TRY(ex.query("SELECT event_type, language, subject, body, version, updated_at FROM "
                   "notification_templates ORDER BY event_type, language"));
  std::vector<NotificationTemplate> out;
  for (const auto& r : rows) {
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4),
                   parse_rfc3339(r.text(5)).value_or(Instant{})});
  }
  return out;
}

Result<NotificationTemplate> put_template(store::Executor& ex, const Actor& actor, Instant now,
                                          const NotificationTemplate& in,
                                          std::optional<std::int64_t> expected_version) {
  TRY_VOID(require_notification_admin(actor));
  Error e(ErrorCode::validation_failed, "the template is not valid");
  if (in.event_type.empty() || in.event_type.size() > 64)
    e.with_field("event_type", "invalid_length", "1 to 64 characters");
  if (in.language != "zh-CN" && in.language != "en")
    e.with_field("language", "not_allowed", "zh-CN or en");
  if (in.subject.empty() || in.subject.size() > 500)
    e.with_field("subject", "invalid_length", "1 to 500 bytes");
  if (in.body.empty() || in.body.size() > 20000)
    e.with_field("body", "invalid_length", "1 to 20000 bytes");
  for (const auto* part : {&in.subject, &in.body}) {
    for (const auto& name : notify::unknown_placeholders(*part))
      e.with_field(part == &in.subject ? "subject" : "body", "unknown_placeholder",
                   "unknown placeholder {{" + name + "}}");
  }
  if (!e.fields.empty()) return e;
  auto cur = TRY(ex.query_one(
      "SELECT version, subject, body FROM notification_templates WHERE event_type = $1 AND "
      "language = $2",
      {in.event_type, in.language}));
  ChangeSet changes;
  if (cur) {
    if (expected_version && *expected_version != cur->i64(0)) {
      return Error(ErrorCode::precondition_failed,
                   "the template was changed by someone else; reload it and try again");
    }
    changes.add("subject", cur->text(1), in.subject);
    changes.add("body", cur->text(2), in.body);
    TRY_VOID(
        ex.exec("UPDATE notification_templates SET subject = $3, body = $4, version = version + 1, "
                "updated_at = $5 WHERE event_type = $1 AND language = $2",
                {in.event_type, in.language, in.subject, in.body, format_rfc3339(now)}));
  } else {
    changes.add("subject", std::nullopt, in.subject);
    changes.add("body", std::nullopt, in.body);
    TRY_VOID(ex.exec(
        "INSERT INTO notification_templates (event_type, language, subject, body, updated_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {in.event_type, in.language, in.subject, in.body, format_rfc3339(now)}));
  }
  auto row = TRY(ex.query_one(
      "SELECT id, version FROM notification_templates WHERE event_type = $1 AND language = $2",
      {in.event_type, in.language}));
  TRY_VOID(write_audit(ex, actor, now, "notification_template", row->i64(0),
                       cur ? "update" : "create", changes.changes()));
  NotificationTemplate out = in;
  out.version = row->i64(1);
  out.updated_at = now;
  return out;
}

}  // namespace fuwu::app
