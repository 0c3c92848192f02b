#include "app/mail/ingest.h"
#include "app/notify/notify.h"

namespace fuwu::app {

Result<ReceivedMailPage> list_received_mail(store::Executor& ex, const Actor& actor,
                                            const std::string& mailbox, std::int64_t before_id,
                                            int limit) {
  TRY_VOID(require_notification_admin(actor));
  auto rows = TRY(ex.query(
      "SELECT id, mailbox, message_id, from_address, subject, outcome, COALESCE(ticket_id, 0), "
      "size, attachments_not_kept, received_at FROM mail_messages WHERE ($1 = '' OR mailbox = "
      "$1) AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
      {mailbox, before_id, std::int64_t{limit + 1}}));
  ReceivedMailPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().id;
      break;
    }
    page.items.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.i64(6),
                          r.i64(7), static_cast<int>(r.i64(8)),
                          parse_rfc3339(r.text(9)).value_or(Instant{})});
  }
  return page;
}

}  // namespace fuwu::app
