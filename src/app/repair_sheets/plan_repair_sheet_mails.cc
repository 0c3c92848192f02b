// The signed repair sheet to the customer (issue 8: "a PDF of the sheet in Chinese that the
// customer receives"): an e-mail delivery per recipient with the PDF attached, sent and retried
// by the notify.deliver job like every notification e-mail.
#include "app/attachments/attachments.h"
#include "app/notify/notify.h"
#include "app/platform/outbox.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/work_orders/work_order.h"
#include "domain/notify/template.h"

namespace fuwu::app {
Result<int> plan_repair_sheet_mails(store::Executor& ex, Instant now,
                                    const DispatchOptions& options) {
  const auto cursor = TRY(consumer_cursor(ex, kRepairSheetMailConsumer));
  const auto events = TRY(read_events(ex, cursor, 100));
  if (events.empty()) return 0;
  TemplatesByLanguage templates;
  const Actor system = Actor::system("job");
  int jobs = 0;
  for (const auto& e : events) {
    if (e.type != "work_order.sign" || e.record_type != "ticket") continue;
    auto w = TRY(find_work_order(ex, e.record_id));
    if (!w) continue;
    const auto people = TRY(customer_mail_recipients(ex, w->ticket.organisation_id,
                                                     w->ticket.requester_id, kMaxSheetRecipients));
    if (people.empty()) continue;
    if (templates.empty()) templates = TRY(load_templates(ex, kRepairSheetMail));
    const auto sheet = TRY(load_repair_sheet(ex, w->ticket.id));
    // The PDF as signed, stored once (blobs deduplicate) and attached to every recipient's mail.
    std::string sha;
    std::string failure;
    auto pdf = repair_sheet_pdf(ex, system, now, w->ticket.id);
    if (pdf.ok()) {
      sha = TRY(store_blob(ex, now, *pdf, "application/pdf", attachment::Limits{}.chunk_bytes));
    } else {
      failure = "the PDF could not be rendered: " + pdf.error().message;
    }
    auto organisation = TRY(
        ex.query_one("SELECT name FROM organisations WHERE id = $1", {w->ticket.organisation_id}));
    notify::Values values{{"number", w->ticket.number},
                          {"serial", w->unit_serial},
                          {"signer", sheet.signer_name},
                          {"organisation", organisation ? organisation->text(0) : ""}};
    for (const auto& person : people) {
      const std::string language = template_language(templates, person.text(2));
      const auto& tpl = templates.at(language);
      values["recipient"] = person.text(3);
      Delivery d;
      d.event_id = e.id;
      d.event_type = std::string(kRepairSheetMail);
      d.recipient = "sheet:user:" + std::to_string(person.i64(0));
      d.user_id = person.i64(0);
      d.address = person.text(1);
      d.language = language;
      d.record_type = "ticket";
      d.record_id = w->ticket.id;
      d.subject = notify::render(tpl.subject, values, notify::Escape::header);
      d.body = notify::render(tpl.body, values, notify::Escape::text);
      d.last_error = failure;
      d.attachment_sha256 = sha;
      d.attachment_name = "维修单-" + w->ticket.number + ".pdf";
      d.attachment_type = "application/pdf";
      jobs += TRY(plan_email_delivery(ex, now, options, d, "sheet"));
    }
  }
  TRY_VOID(advance_cursor(ex, kRepairSheetMailConsumer, events.back().id));
  return jobs;
}

}  // namespace fuwu::app
