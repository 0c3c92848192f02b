// E-mailed survey invitations (issue 9): each invitation of an e-mail campaign goes to its
// respondents as a notification delivery (template survey.invitation, the recipient's language),
// sent and retried by the notify.deliver job like every notification e-mail.
#include "app/platform/outbox.h"
#include "app/surveys/survey.h"
#include "domain/notify/template.h"

namespace fuwu::app {
namespace {

constexpr int kMaxRecipientsPerInvitation = 20;

}  // namespace

Result<int> plan_survey_invitation_mails(store::Executor& ex, Instant now,
                                         const DispatchOptions& options) {
  const auto cursor = TRY(consumer_cursor(ex, kSurveyMailConsumer));
  const auto events = TRY(read_events(ex, cursor, 200));
  if (events.empty()) return 0;
  TemplatesByLanguage templates;
  int jobs = 0;
  for (const auto& e : events) {
    if (e.type != "survey_campaign.created" || e.record_type != "survey_campaign") continue;
    auto campaign = TRY(find_survey_campaign(ex, e.record_id));
    if (!campaign || campaign->channel != "email") continue;
    if (templates.empty()) templates = TRY(load_templates(ex, kSurveyInvitationMail));
    auto invitations = TRY(ex.query(
        "SELECT i.id, i.organisation_id, COALESCE(i.ticket_id, 0), i.token, o.name, "
        "COALESCE(t.number, ''), COALESCE(t.requester_id, 0) FROM survey_invitations i JOIN "
        "organisations o ON o.id = i.organisation_id LEFT JOIN tickets t ON t.id = i.ticket_id "
        "WHERE i.campaign_id = $1 ORDER BY i.id",
        {campaign->id}));
    for (const auto& inv : invitations) {
      const std::int64_t invitation_id = inv.i64(0);
      notify::Values values{
          {"campaign", campaign->name_zh},
          {"campaign_en", campaign->name_en.empty() ? campaign->name_zh : campaign->name_en},
          {"organisation", inv.text(4)},
          {"number", inv.text(5)},
          {"url", options.public_url + "/survey/" + inv.text(3)}};
      // The person who reported the surveyed record when one of the customer's people, else
      // the customer's people.
      for (const auto& person :
           TRY(customer_mail_recipients(ex, inv.i64(1), inv.i64(6), kMaxRecipientsPerInvitation))) {
        const std::string language = template_language(templates, person.text(2));
        const auto& tpl = templates.at(language);
        values["recipient"] = person.text(3);
        Delivery d;
        d.event_id = e.id;
        d.event_type = std::string(kSurveyInvitationMail);
        d.recipient = "invitation:" + std::to_string(invitation_id) +
                      ":user:" + std::to_string(person.i64(0));
        d.user_id = person.i64(0);
        d.address = person.text(1);
        d.language = language;
        d.record_type = "survey_invitation";
        d.record_id = invitation_id;
        d.subject = notify::render(tpl.subject, values, notify::Escape::header);
        d.body = notify::render(tpl.body, values, notify::Escape::text);
        jobs += TRY(plan_email_delivery(ex, now, options, d, "survey"));
      }
    }
  }
  TRY_VOID(advance_cursor(ex, kSurveyMailConsumer, events.back().id));
  return jobs;
}

}  // namespace fuwu::app
