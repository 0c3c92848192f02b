// Notifications: outbox events -> rules (event type + conditions) -> recipients -> templates per
// language -> one delivery per (event, recipient, channel), sent by durable jobs.
//
// Exactly once: the dispatcher reads the outbox from its own cursor ("notifications") and, in ONE
// write unit, inserts the deliveries of a batch of events and advances the cursor; the unique key
// (event_id, recipient, channel) makes a second pass over the same events (two nodes, a crash
// before the commit) a no-op. In-app notifications are written in that same unit; e-mail and
// webhook deliveries are sent by a "notify.deliver" job each (retried with backoff; the delivery
// row records attempts, the last error and the Message-ID).
//
// Use cases run inside the caller's unit. Access: rules, templates and webhooks need
// "notification.admin" (administrators); the delivery log of a record needs "notification.read"
// and the record to be visible (else not_found); in-app notifications are the signed-in user's own.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

inline constexpr std::string_view kNotificationConsumer = "notifications";
inline constexpr std::string_view kDeliverJob = "notify.deliver";

// --- rules -----------------------------------------------------------------------------------

struct NotificationRule {
  std::int64_t id = 0;
  std::string name;
  std::string event_type;
  std::string conditions = "{}";  // JSON object: field -> value or array of values
  std::vector<std::string> recipients;
  std::vector<std::string> channels;
  bool notify_actor = false;
  bool enabled = true;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct RuleInput {
  std::optional<std::string> name;
  std::optional<std::string> event_type;
  std::optional<std::string> conditions;  // JSON text of an object
  std::optional<std::vector<std::string>> recipients;
  std::optional<std::vector<std::string>> channels;
  std::optional<bool> notify_actor;
  std::optional<bool> enabled;
};

// Channels a rule may name: in_app, email. Recipients: requester, assignee, group, watchers,
// managers, user:<id>, address:<e-mail>. Condition fields: kind, priority, state,
// state_category, group_id, organisation_id, major, channel, service.
Result<std::vector<NotificationRule>> list_rules(store::Executor& ex, const Actor& actor);
Result<NotificationRule> get_rule(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<NotificationRule> create_rule(store::Executor& ex, const Actor& actor, Instant now,
                                     const RuleInput& input);
Result<NotificationRule> update_rule(store::Executor& ex, const Actor& actor, Instant now,
                                     std::int64_t id, std::int64_t expected_version,
                                     const RuleInput& input);
Status delete_rule(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id);

// --- templates -------------------------------------------------------------------------------

struct NotificationTemplate {
  std::string event_type;
  std::string language;  // zh-CN | en
  std::string subject;
  std::string body;
  std::int64_t version = 1;
  Instant updated_at;
};

Result<std::vector<NotificationTemplate>> list_templates(store::Executor& ex, const Actor& actor);
// Creates or replaces the template of (event_type, language). `expected_version` (If-Match) is
// checked when the template exists and a version is given.
Result<NotificationTemplate> put_template(store::Executor& ex, const Actor& actor, Instant now,
                                          const NotificationTemplate& input,
                                          std::optional<std::int64_t> expected_version);

struct Delivery;

// --- webhooks and group robots ----------------------------------------------------------------

struct Webhook {
  std::int64_t id = 0;
  std::string name;
  std::string kind;  // json | wecom | dingtalk
  std::string url;
  std::string secret;  // json: HMAC key; dingtalk: the robot's signing secret ("SEC..."); wecom: ""
  std::vector<std::string> event_types;  // "*" for every event
  std::string language = "zh-CN";        // of robot messages
  bool enabled = true;
  int consecutive_failures = 0;
  std::string disabled_reason;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct WebhookInput {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::string> url;
  std::optional<std::string> secret;
  std::optional<std::vector<std::string>> event_types;
  std::optional<std::string> language;
  std::optional<bool> enabled;  // enabling again resets the failure count
};

Result<std::vector<Webhook>> list_webhooks(store::Executor& ex, const Actor& actor);
Result<Webhook> get_webhook(store::Executor& ex, const Actor& actor, std::int64_t id);
// A json webhook without a secret gets a random one (returned in the result).
Result<Webhook> create_webhook(store::Executor& ex, const Actor& actor, Instant now,
                               const WebhookInput& input);
Result<Webhook> update_webhook(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t id, std::int64_t expected_version,
                               const WebhookInput& input);
Status delete_webhook(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id);
Result<std::vector<Delivery>> list_webhook_deliveries(store::Executor& ex, const Actor& actor,
                                                      std::int64_t webhook_id);
Result<std::optional<Webhook>> find_webhook(store::Executor& ex, std::int64_t id);
// After a delivery attempt: success resets the failure count; the `disable_after`-th consecutive
// failure disables the webhook (with the reason).
Status record_webhook_outcome(store::Executor& ex, std::int64_t id, Instant now, bool ok,
                              std::string_view error, int disable_after);

// --- dispatch --------------------------------------------------------------------------------

struct DispatchOptions {
  bool email_enabled = false;  // an SMTP server is configured
  std::string public_url;      // "https://desk.example.com" for links in messages ("" for none)
  std::string mail_domain = "fuwu.localdomain";  // right-hand side of our Message-IDs
  int batch = 100;
};

struct DispatchResult {
  int events = 0;      // outbox events consumed
  int deliveries = 0;  // new delivery rows
  int jobs = 0;        // delivery jobs enqueued (e-mail, webhooks)
};

// One pass: the next `batch` events after the cursor. Run inside a write unit.
Result<DispatchResult> dispatch_notifications(store::Executor& ex, Instant now,
                                              const DispatchOptions& options);

// --- deliveries ------------------------------------------------------------------------------

// The templates of one event type by language (internal when there is none), and the language
// to write to a recipient in: theirs when there is a template in it, else zh-CN, else any.
using TemplatesByLanguage = std::map<std::string, NotificationTemplate, std::less<>>;
Result<TemplatesByLanguage> load_templates(store::Executor& ex, std::string_view event_type);
std::string template_language(const TemplatesByLanguage& templates, const std::string& wanted);
// The people of a customer to e-mail (id, e-mail, language, name): `person_id` alone when it is
// one of them with an e-mail, else up to `limit` of them with an e-mail, contacts first.
Result<store::Rows> customer_mail_recipients(store::Executor& ex, std::int64_t organisation_id,
                                             std::int64_t person_id, int limit);
// Writes an e-mail that an outbox consumer sends outside the rules (survey invitations, signed
// repair sheets), rendered already: `d` names the event, event_type (the template's), recipient
// (unique per event: "invitation:3:user:7"), user_id, address, language, record, subject, body,
// the attachment if any, and last_error when it cannot be sent (recorded as failed). Once per
// (event, recipient): pending with its notify.deliver job and the Message-ID
// "<fuwu.<id>.<message_tag>@<mail_domain>>" when e-mail is configured, else skipped. Returns 1
// when a job was enqueued, else 0.
Result<int> plan_email_delivery(store::Executor& ex, Instant now, const DispatchOptions& options,
                                const Delivery& d, std::string_view message_tag);

struct Delivery {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string event_type;
  std::int64_t rule_id = 0;
  std::string channel;
  std::string recipient;
  std::int64_t user_id = 0;
  std::string address;
  std::string language;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string subject;
  std::string body;
  std::string state;  // pending | sent | failed | skipped
  int attempts = 0;
  std::string last_error;
  std::string message_id;
  Instant created_at;
  std::optional<Instant> sent_at;
  // For e-mail threading: the Message-ID of the first e-mail about the same record ("" if none).
  std::string thread_root;
  std::string record_number;
  // A stored file (blob) sent with the e-mail ("" for none): the signed repair sheet's PDF.
  std::string attachment_sha256;
  std::string attachment_name;
  std::string attachment_type;
};

Result<std::vector<Delivery>> list_record_deliveries(store::Executor& ex, const Actor& actor,
                                                     std::string_view record_type,
                                                     std::int64_t record_id);
Result<std::optional<Delivery>> find_delivery(store::Executor& ex, std::int64_t id);
// Queues the "notify.deliver" job of a delivery (single-flight per delivery).
Status enqueue_delivery_job(store::Executor& ex, std::int64_t id, Instant now);
// An administrator ("notification.admin") sends a failed e-mail, webhook or robot delivery again:
// it becomes pending with a new job (same Message-ID, so a receiver can still drop a duplicate).
// A delivery that was sent is never sent twice: conflict with field "state" code "already_sent";
// one still queued: "already_queued"; a skipped or in-app one: "not_retryable". A pending
// delivery whose job has died is queued again. Audited on the delivery's record
// ("delivery_retried").
Result<Delivery> retry_delivery(store::Executor& ex, const Actor& actor, Instant now,
                                std::int64_t id);
// After an attempt: sent, or the error (final: no more retries -> failed).
Status record_delivery_attempt(store::Executor& ex, std::int64_t id, Instant now, bool sent,
                               std::string_view error, bool final);

// --- in-app ----------------------------------------------------------------------------------

struct Notification {
  std::int64_t id = 0;
  std::string event_type;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string title;
  std::string body;
  Instant created_at;
  std::optional<Instant> read_at;
};

struct NotificationPage {
  std::vector<Notification> items;
  std::optional<std::int64_t> next_before_id;
  std::int64_t unread = 0;
};

Result<NotificationPage> list_notifications(store::Executor& ex, const Actor& actor,
                                            bool unread_only, std::int64_t before_id, int limit);
Result<std::int64_t> unread_notification_count(store::Executor& ex, const Actor& actor);
// Marks one notification (or, with nullopt, all of the actor's) read. not_found for another's.
Status mark_notifications_read(store::Executor& ex, const Actor& actor, Instant now,
                               std::optional<std::int64_t> id);

}  // namespace fuwu::app

namespace fuwu::app {

// Shared by the use cases of this folder.
std::string rule_select();  // "SELECT <columns> FROM notification_rules"
NotificationRule rule_from_row(const store::Row& row);
// Parses a JSON array of strings ("[]" on anything else).
std::vector<std::string> string_list(std::string_view json_text);
std::string string_list_json(const std::vector<std::string>& items);
Status require_notification_admin(const Actor& actor);

}  // namespace fuwu::app
