// E-mailed survey invitations (issue 9): each invitation of an e-mail campaign goes to its
// respondents as a notification delivery (template survey.invitation, the recipient's language),
// sent and retried by the notify.deliver job like every notification e-mail.
#include <map>

#include "app/platform/outbox.h"
#include "app/surveys/survey.h"
#include "domain/notify/template.h"

namespace fuwu::app {
namespace {

constexpr int kMaxRecipientsPerInvitation = 20;

struct Template {
  std::string subject;
  std::string body;
};

// The invitation's respondents with an e-mail address: the person who reported the surveyed
// record when that is one of the customer's people, else the customer's people.
Result<store::Rows> respondents(store::Executor& ex, std::int64_t organisation_id,
                                std::int64_t ticket_id) {
  constexpr const char* kPeople =
      "SELECT u.id, u.email, u.language, CASE WHEN u.display_name = '' THEN u.login ELSE "
      "u.display_name END FROM users u WHERE u.organisation_id = $1 AND u.disabled = 0 AND "
      "u.email <> '' ";
  if (ticket_id) {
    auto reporter = TRY(ex.query(
        std::string(kPeople) + "AND u.id = (SELECT requester_id FROM tickets WHERE id = $2)",
        {organisation_id, ticket_id}));
    if (!reporter.empty()) return reporter;
  }
  return ex.query(std::string(kPeople) + "ORDER BY u.id LIMIT $2",
                  {organisation_id, std::int64_t{kMaxRecipientsPerInvitation}});
}

}  // namespace

Result<int> plan_survey_invitation_mails(store::Executor& ex, Instant now,
                                         const DispatchOptions& options) {
  const auto cursor = TRY(consumer_cursor(ex, kSurveyMailConsumer));
  const auto events = TRY(read_events(ex, cursor, 200));
  if (events.empty()) return 0;
  std::map<std::string, Template> templates;  // by language
  int jobs = 0;
  for (const auto& e : events) {
    if (e.type != "survey_campaign.created" || e.record_type != "survey_campaign") continue;
    auto campaign = TRY(find_survey_campaign(ex, e.record_id));
    if (!campaign || campaign->channel != "email") continue;
    if (templates.empty()) {
      auto rows = TRY(ex.query(
          "SELECT language, subject, body FROM notification_templates WHERE event_type = $1",
          {std::string(kSurveyInvitationMail)}));
      for (const auto& r : rows)
        templates[r.text(0)] = {r.text(1), r.text(2)};
      if (templates.empty()) return Error(ErrorCode::internal, "no survey invitation template");
    }
    auto invitations = TRY(ex.query(
        "SELECT i.id, i.organisation_id, COALESCE(i.ticket_id, 0), i.token, o.name, "
        "COALESCE(t.number, '') FROM survey_invitations i JOIN organisations o ON o.id = "
        "i.organisation_id LEFT JOIN tickets t ON t.id = i.ticket_id WHERE i.campaign_id = $1 "
        "ORDER BY i.id",
        {campaign->id}));
    for (const auto& inv : invitations) {
      const std::int64_t invitation_id = inv.i64(0);
      notify::Values values{
          {"campaign", campaign->name_zh},
          {"campaign_en", campaign->name_en.empty() ? campaign->name_zh : campaign->name_en},
          {"organisation", inv.text(4)},
          {"number", inv.text(5)},
          {"url", options.public_url + "/survey/" + inv.text(3)}};
      for (const auto& person : TRY(respondents(ex, inv.i64(1), inv.i64(2)))) {
        const std::string language = templates.contains(person.text(2)) ? person.text(2)
                                     : templates.contains("zh-CN")      ? "zh-CN"
                                                                        : templates.begin()->first;
        const auto& tpl = templates.at(language);
        values["recipient"] = person.text(3);
        const std::string state = options.email_enabled ? "pending" : "skipped";
        auto inserted = TRY(ex.query(
            "INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, "
            "user_id, address, language, record_type, record_id, subject, body, state, "
            "last_error, created_at) VALUES ($1, $2, 'email', $3, $4, $5, $6, "
            "'survey_invitation', $7, $8, $9, $10, $11, $12) ON CONFLICT (event_id, recipient, "
            "channel) DO NOTHING RETURNING id",
            {e.id, std::string(kSurveyInvitationMail),
             "invitation:" + std::to_string(invitation_id) +
                 ":user:" + std::to_string(person.i64(0)),
             person.i64(0), person.text(1), language, invitation_id,
             notify::render(tpl.subject, values, notify::Escape::header),
             notify::render(tpl.body, values, notify::Escape::text), state,
             options.email_enabled ? std::string() : std::string("no SMTP server is configured"),
             format_rfc3339(now)}));
        if (inserted.empty() || !options.email_enabled) continue;
        const std::int64_t id = inserted.front().i64(0);
        TRY_VOID(
            ex.exec("UPDATE notification_deliveries SET message_id = $2 WHERE id = $1",
                    {id, "<fuwu." + std::to_string(id) + ".survey@" + options.mail_domain + ">"}));
        TRY_VOID(enqueue_delivery_job(ex, id, now));
        ++jobs;
      }
    }
  }
  TRY_VOID(advance_cursor(ex, kSurveyMailConsumer, events.back().id));
  return jobs;
}

}  // namespace fuwu::app
