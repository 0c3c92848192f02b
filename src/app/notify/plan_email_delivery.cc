// E-mails planned by outbox consumers outside the notification rules (survey invitations, signed
// repair sheets): their templates by language, and each delivery with its Message-ID and its
// notify.deliver job.
#include "app/notify/notify.h"

namespace fuwu::app {

Result<TemplatesByLanguage> load_templates(store::Executor& ex, std::string_view event_type) {
  auto rows = TRY(
      ex.query("SELECT language, subject, body FROM notification_templates WHERE event_type = $1",
               {std::string(event_type)}));
  TemplatesByLanguage out;
  for (const auto& r : rows) {
    NotificationTemplate t;
    t.event_type = std::string(event_type);
    t.language = r.text(0);
    t.subject = r.text(1);
    t.body = r.text(2);
    out.emplace(t.language, std::move(t));
  }
  if (out.empty()) return Error(ErrorCode::internal, "no template for " + std::string(event_type));
  return out;
}

std::string template_language(const TemplatesByLanguage& templates, const std::string& wanted) {
  if (templates.contains(wanted)) return wanted;
  if (templates.contains("zh-CN")) return "zh-CN";
  return templates.begin()->first;
}

Result<store::Rows> customer_mail_recipients(store::Executor& ex, std::int64_t organisation_id,
                                             std::int64_t person_id, int limit) {
  constexpr const char* kPeople =
      "SELECT u.id, u.email, u.language, CASE WHEN u.display_name = '' THEN u.login ELSE "
      "u.display_name END FROM users u WHERE u.organisation_id = $1 AND u.disabled = 0 AND "
      "u.email IS NOT NULL AND u.email <> '' ";
  if (organisation_id == 0) return store::Rows{};
  if (person_id) {
    auto person =
        TRY(ex.query(std::string(kPeople) + "AND u.id = $2", {organisation_id, person_id}));
    if (!person.empty()) return person;
  }
  return ex.query(std::string(kPeople) +
                      "ORDER BY CASE WHEN u.kind = 'contact' THEN 0 ELSE 1 END, u.id LIMIT $2",
                  {organisation_id, std::int64_t{limit}});
}

Result<int> plan_email_delivery(store::Executor& ex, Instant now, const DispatchOptions& options,
                                const Delivery& d, std::string_view message_tag) {
  const bool send = options.email_enabled && d.last_error.empty();
  const std::string state = send ? "pending" : d.last_error.empty() ? "skipped" : "failed";
  const std::string error = !d.last_error.empty()   ? d.last_error
                            : options.email_enabled ? std::string()
                                                    : std::string("no SMTP server is configured");
  auto inserted = TRY(ex.query(
      "INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, user_id, "
      "address, language, record_type, record_id, subject, body, state, last_error, created_at, "
      "attachment_sha256, attachment_name, attachment_type) VALUES ($1, $2, 'email', $3, $4, $5, "
      "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (event_id, recipient, "
      "channel) DO NOTHING RETURNING id",
      {d.event_id, d.event_type, d.recipient, d.user_id, d.address, d.language, d.record_type,
       d.record_id, d.subject, d.body, state, error, format_rfc3339(now), d.attachment_sha256,
       d.attachment_name, d.attachment_type}));
  if (inserted.empty() || !send) return 0;
  const std::int64_t id = inserted.front().i64(0);
  TRY_VOID(ex.exec("UPDATE notification_deliveries SET message_id = $2 WHERE id = $1",
                   {id, "<fuwu." + std::to_string(id) + "." + std::string(message_tag) + "@" +
                            options.mail_domain + ">"}));
  TRY_VOID(enqueue_delivery_job(ex, id, now));
  return 1;
}

}  // namespace fuwu::app
