// The delivery log: reading it per record, and recording the outcome of an attempt.
#include "app/notify/notify.h"
#include "app/platform/job_queue.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "d.id, d.event_id, d.event_type, COALESCE(d.rule_id, 0), d.channel, d.recipient, "
    "COALESCE(d.user_id, 0), d.address, d.language, d.record_type, d.record_id, d.subject, d.body, "
    "d.state, d.attempts, d.last_error, d.message_id, d.created_at, d.sent_at, "
    "d.attachment_sha256, d.attachment_name, d.attachment_type";

Delivery delivery_from_row(const store::Row& r) {
  Delivery d;
  d.id = r.i64(0);
  d.event_id = r.i64(1);
  d.event_type = r.text(2);
  d.rule_id = r.i64(3);
  d.channel = r.text(4);
  d.recipient = r.text(5);
  d.user_id = r.i64(6);
  d.address = r.text(7);
  d.language = r.text(8);
  d.record_type = r.text(9);
  d.record_id = r.i64(10);
  d.subject = r.text(11);
  d.body = r.text(12);
  d.state = r.text(13);
  d.attempts = static_cast<int>(r.i64(14));
  d.last_error = r.text(15);
  d.message_id = r.text(16);
  d.created_at = parse_rfc3339(r.text(17)).value_or(Instant{});
  if (!r.is_null(18)) d.sent_at = parse_rfc3339(r.text(18));
  d.attachment_sha256 = r.text(19);
  d.attachment_name = r.text(20);
  d.attachment_type = r.text(21);
  return d;
}

}  // namespace

Result<std::vector<Delivery>> list_record_deliveries(store::Executor& ex, const Actor& actor,
                                                     std::string_view record_type,
                                                     std::int64_t record_id) {
  if (!access::can(actor.principal, "notification.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the delivery log");
  }
  if (record_type != "ticket") return Error(ErrorCode::not_found, "no such record");
  TRY(visible_ticket(ex, actor, record_id));
  auto rows = TRY(ex.query(std::string("SELECT ") + kColumns +
                               " FROM notification_deliveries d WHERE d.record_type = $1 AND "
                               "d.record_id = $2 ORDER BY d.id LIMIT 1000",
                           {std::string(record_type), record_id}));
  std::vector<Delivery> out;
  for (const auto& r : rows)
    out.push_back(delivery_from_row(r));
  return out;
}

Result<std::vector<Delivery>> list_webhook_deliveries(store::Executor& ex, const Actor& actor,
                                                      std::int64_t webhook_id) {
  TRY(get_webhook(ex, actor, webhook_id));
  auto rows = TRY(ex.query(std::string("SELECT ") + kColumns +
                               " FROM notification_deliveries d WHERE d.recipient = $1 ORDER BY "
                               "d.id DESC LIMIT 200",
                           {"webhook:" + std::to_string(webhook_id)}));
  std::vector<Delivery> out;
  for (const auto& r : rows)
    out.push_back(delivery_from_row(r));
  return out;
}

Result<std::optional<Delivery>> find_delivery(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(std::string("SELECT ") + kColumns +
                                  ", COALESCE(t.number, '') FROM notification_deliveries d "
                                  "LEFT JOIN tickets t ON d.record_type = 'ticket' AND "
                                  "t.id = d.record_id WHERE d.id = $1",
                              {id}));
  if (!row) return std::optional<Delivery>();
  Delivery d = delivery_from_row(*row);
  d.record_number = row->text(22);
  if (d.channel == "email") {
    auto root = TRY(ex.query_one(
        "SELECT message_id FROM notification_deliveries WHERE record_type = $1 AND "
        "record_id = $2 AND channel = 'email' AND message_id <> '' AND id < $3 ORDER BY id "
        "LIMIT 1",
        {d.record_type, d.record_id, d.id}));
    if (root) d.thread_root = root->text(0);
  }
  return std::optional<Delivery>(std::move(d));
}

Status enqueue_delivery_job(store::Executor& ex, std::int64_t id, Instant now) {
  TRY(enqueue_job(ex,
                  NewJob{std::string(kDeliverJob), "{\"delivery\":" + std::to_string(id) + "}", now,
                         std::string(kDeliverJob) + ":" + std::to_string(id), 8},
                  now));
  return {};
}

Status record_delivery_attempt(store::Executor& ex, std::int64_t id, Instant now, bool sent,
                               std::string_view error, bool final) {
  if (sent) {
    TRY_VOID(
        ex.exec("UPDATE notification_deliveries SET state = 'sent', attempts = attempts + 1, "
                "last_error = '', sent_at = $2 WHERE id = $1 AND state = 'pending'",
                {id, format_rfc3339(now)}));
  } else {
    TRY_VOID(ex.exec(
        "UPDATE notification_deliveries SET state = $3, attempts = attempts + 1, last_error = $2 "
        "WHERE id = $1 AND state = 'pending'",
        {id, std::string(error.substr(0, 1000)), std::string(final ? "failed" : "pending")}));
  }
  return {};
}

}  // namespace fuwu::app
