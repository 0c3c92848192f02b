// Notifications: the signed-in user's in-app notifications (the bell), the delivery log of a
// record, and the administration of rules and templates.
#include "app/mail/ingest.h"
#include "app/notify/notify.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;

constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kShort{.min_chars = 1, .max_chars = 64, .single_line = true};

json::value optional_instant(const std::optional<Instant>& t) {
  return t ? json::value(instant_json(*t)) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items)
    a.emplace_back(s);
  return a;
}

// --- in-app ------------------------------------------------------------------------------------

json::object notification_json(const app::Notification& n) {
  return {{"id", n.id},
          {"event_type", n.event_type},
          {"record_type", n.record_type},
          {"record_id", n.record_id},
          {"title", n.title},
          {"body", n.body},
          {"created_at", instant_json(n.created_at)},
          {"read_at", optional_instant(n.read_at)},
          {"read", n.read_at.has_value()}};
}

Status list_mine(ApiContext& ctx) {
  // Newest first: the cursor's id is where the next (older) page ends.
  const auto req = TRY(page_request(ctx, "notifications"));
  const std::int64_t before = req.after_id;
  const int limit = req.limit;
  const auto unread = ctx.query("unread");
  if (unread && *unread != "true" && *unread != "false") {
    return Error(ErrorCode::invalid_request, "unread must be true or false")
        .with_field("unread", "not_allowed", "true or false");
  }
  app::NotificationPage page;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    page =
        TRY(app::list_notifications(ex, ctx.actor(), unread && *unread == "true", before, limit));
    return {};
  }));
  json::array items;
  for (const auto& n : page.items)
    items.push_back(notification_json(n));
  json::object out{{"items", std::move(items)}, {"unread", page.unread}};
  out["next_cursor"] = page.next_before_id
                           ? json::value(encode_cursor("notifications", *page.next_before_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status unread_count(ApiContext& ctx) {
  std::int64_t n = 0;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    n = TRY(app::unread_notification_count(ex, ctx.actor()));
    return {};
  }));
  respond(ctx, 200, json::object{{"unread", n}});
  return {};
}

Status mark_read(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::mark_notifications_read(ex, ctx.actor(), ctx.now(), id));
    const auto n = TRY(app::unread_notification_count(ex, ctx.actor()));
    respond(ctx, 200, json::object{{"unread", n}});
    return {};
  });
}

Status mark_all_read(ApiContext& ctx) {
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::mark_notifications_read(ex, ctx.actor(), ctx.now(), std::nullopt));
    respond(ctx, 200, json::object{{"unread", 0}});
    return {};
  });
}

// --- delivery log ------------------------------------------------------------------------------

json::object delivery_json(const app::Delivery& d) {
  return {{"id", d.id},
          {"event_id", d.event_id},
          {"event_type", d.event_type},
          {"rule_id", d.rule_id ? json::value(d.rule_id) : json::value(nullptr)},
          {"channel", d.channel},
          {"recipient", d.recipient},
          {"user_id", d.user_id ? json::value(d.user_id) : json::value(nullptr)},
          {"address", d.address},
          {"language", d.language},
          {"subject", d.subject},
          {"state", d.state},
          {"attempts", d.attempts},
          {"last_error", d.last_error},
          {"message_id", d.message_id},
          {"created_at", instant_json(d.created_at)},
          {"record_type", d.record_type},
          {"record_id", d.record_id},
          {"sent_at", optional_instant(d.sent_at)}};
}

void respond_deliveries(ApiContext& ctx, const std::vector<app::Delivery>& items) {
  json::array out;
  for (const auto& d : items)
    out.push_back(delivery_json(d));
  respond(ctx, 200, json::object{{"items", std::move(out)}});
}

Status retry_delivery(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    const auto d = TRY(app::retry_delivery(ex, ctx.actor(), ctx.now(), id));
    respond(ctx, 202, delivery_json(d));
    return {};
  });
}

Status ticket_deliveries(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::vector<app::Delivery> items;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    items = TRY(app::list_record_deliveries(ex, ctx.actor(), "ticket", id));
    return {};
  }));
  respond_deliveries(ctx, items);
  return {};
}

// --- rules -------------------------------------------------------------------------------------

json::object rule_json(const app::NotificationRule& r) {
  boost::system::error_code ec;
  auto conditions = json::parse(r.conditions, ec);
  if (ec) conditions = json::object{};
  return {{"id", r.id},
          {"name", r.name},
          {"event_type", r.event_type},
          {"conditions", std::move(conditions)},
          {"recipients", strings(r.recipients)},
          {"channels", strings(r.channels)},
          {"notify_actor", r.notify_actor},
          {"enabled", r.enabled},
          {"version", r.version},
          {"created_at", instant_json(r.created_at)},
          {"updated_at", instant_json(r.updated_at)}};
}

void respond_rule(ApiContext& ctx, int status, const app::NotificationRule& r) {
  ctx.response.set_header("ETag", etag(r.version));
  if (status == 201)
    ctx.response.set_header("Location", "/api/v1/notification-rules/" + std::to_string(r.id));
  respond(ctx, status, rule_json(r));
}

std::optional<std::vector<std::string>> read_string_list(BodyReader& r, std::string_view key) {
  const json::value* v = r.raw(key);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  if (!v->is_array()) {
    r.add_error(r.pointer_of(key), "wrong_type", "must be an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& s = v->as_array()[i];
    if (!s.is_string() || s.as_string().empty() || s.as_string().size() > 300)
      r.add_error(r.pointer_of(key) + "/" + std::to_string(i), "wrong_type",
                  "must be a string of 1 to 300 characters");
    else
      out.emplace_back(s.as_string());
  }
  return out;
}

app::RuleInput read_rule(BodyReader& r, Presence p) {
  app::RuleInput in;
  in.name = r.text("name", p, kName);
  in.event_type = r.text("event_type", p, kShort);
  if (const json::value* c = r.raw("conditions")) {
    if (!c->is_object())
      r.add_error(r.pointer_of("conditions"), "wrong_type", "must be an object");
    else
      in.conditions = json::serialize(*c);
  }
  in.recipients = read_string_list(r, "recipients");
  in.channels = read_string_list(r, "channels");
  in.notify_actor = r.boolean("notify_actor");
  in.enabled = r.boolean("enabled");
  return in;
}

Status list_rules(ApiContext& ctx) {
  std::vector<app::NotificationRule> rules;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    rules = TRY(app::list_rules(ex, ctx.actor()));
    return {};
  }));
  json::array items;
  for (const auto& r : rules)
    items.push_back(rule_json(r));
  respond(ctx, 200, json::object{{"items", std::move(items)}});
  return {};
}

Status create_rule(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto in = read_rule(*body.reader, Presence::required);
  TRY_VOID(body.reader->finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto rule = TRY(app::create_rule(ex, ctx.actor(), ctx.now(), in));
    respond_rule(ctx, 201, rule);
    return {};
  });
}

Status get_rule(ApiContext& ctx) {
  return get_by_id(ctx, app::get_rule, respond_rule);
}

Status patch_rule(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto in = read_rule(*body.reader, Presence::optional);
  TRY_VOID(body.reader->finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto rule = TRY(app::update_rule(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_rule(ctx, 200, rule);
    return {};
  });
}

Status delete_rule(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_rule(ex, ctx.actor(), ctx.now(), id));
    ctx.response.status = 204;
    return {};
  });
}

// --- templates ---------------------------------------------------------------------------------

json::object template_json(const app::NotificationTemplate& t) {
  return {{"event_type", t.event_type}, {"language", t.language},
          {"subject", t.subject},       {"body", t.body},
          {"version", t.version},       {"updated_at", instant_json(t.updated_at)}};
}

Status list_templates(ApiContext& ctx) {
  std::vector<app::NotificationTemplate> items;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    items = TRY(app::list_templates(ex, ctx.actor()));
    return {};
  }));
  json::array out;
  for (const auto& t : items)
    out.push_back(template_json(t));
  respond(ctx, 200, json::object{{"items", std::move(out)}});
  return {};
}

Status put_template(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NotificationTemplate in;
  in.event_type = r.text("event_type", Presence::required, kShort).value_or("");
  in.language = r.one_of("language", {"zh-CN", "en"}, Presence::required).value_or("");
  in.subject = r.text("subject", Presence::required, kName).value_or("");
  in.body = r.text("body", Presence::required).value_or("");
  TRY_VOID(r.finish());
  std::optional<std::int64_t> version;
  if (!ctx.request.header("If-Match").empty()) version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::put_template(ex, ctx.actor(), ctx.now(), in, version));
    ctx.response.set_header("ETag", etag(t.version));
    respond(ctx, 200, template_json(t));
    return {};
  });
}

// --- webhooks and robots ---------------------------------------------------------------------

json::object webhook_json(const app::Webhook& w, bool with_secret) {
  json::object o{{"id", w.id},
                 {"name", w.name},
                 {"kind", w.kind},
                 {"url", w.url},
                 {"has_secret", !w.secret.empty()},
                 {"event_types", strings(w.event_types)},
                 {"language", w.language},
                 {"enabled", w.enabled},
                 {"consecutive_failures", w.consecutive_failures},
                 {"disabled_reason", w.disabled_reason},
                 {"version", w.version},
                 {"created_at", instant_json(w.created_at)},
                 {"updated_at", instant_json(w.updated_at)}};
  if (with_secret) o["secret"] = w.secret;
  return o;
}

void respond_webhook(ApiContext& ctx, int status, const app::Webhook& w) {
  ctx.response.set_header("ETag", etag(w.version));
  if (status == 201)
    ctx.response.set_header("Location", "/api/v1/webhooks/" + std::to_string(w.id));
  respond(ctx, status, webhook_json(w, status == 201));
}

app::WebhookInput read_webhook(BodyReader& r, Presence p) {
  app::WebhookInput in;
  in.name = r.text("name", p, kName);
  in.kind = r.one_of("kind", {"json", "wecom", "dingtalk"}, p);
  in.url = r.text("url", p, {.min_chars = 1, .max_chars = 2000, .single_line = true});
  in.secret = r.text("secret", Presence::optional, {.max_chars = 200, .single_line = true});
  in.event_types = read_string_list(r, "event_types");
  in.language = r.one_of("language", {"zh-CN", "en"});
  in.enabled = r.boolean("enabled");
  return in;
}

Status list_webhooks(ApiContext& ctx) {
  std::vector<app::Webhook> hooks;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    hooks = TRY(app::list_webhooks(ex, ctx.actor()));
    return {};
  }));
  json::array items;
  for (const auto& w : hooks)
    items.push_back(webhook_json(w, false));
  respond(ctx, 200, json::object{{"items", std::move(items)}});
  return {};
}

Status create_webhook(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto in = read_webhook(*body.reader, Presence::required);
  TRY_VOID(body.reader->finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto w = TRY(app::create_webhook(ex, ctx.actor(), ctx.now(), in));
    respond_webhook(ctx, 201, w);
    return {};
  });
}

Status get_webhook(ApiContext& ctx) {
  return get_by_id(ctx, app::get_webhook, respond_webhook);
}

Status patch_webhook(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto in = read_webhook(*body.reader, Presence::optional);
  TRY_VOID(body.reader->finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto w = TRY(app::update_webhook(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_webhook(ctx, 200, w);
    return {};
  });
}

Status delete_webhook(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_webhook(ex, ctx.actor(), ctx.now(), id));
    ctx.response.status = 204;
    return {};
  });
}

Status webhook_deliveries(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::vector<app::Delivery> items;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    items = TRY(app::list_webhook_deliveries(ex, ctx.actor(), id));
    return {};
  }));
  respond_deliveries(ctx, items);
  return {};
}

// --- received mail ------------------------------------------------------------------------------

Status list_mail(ApiContext& ctx) {
  const auto req = TRY(page_request(ctx, "mail"));  // newest first, as above
  app::ReceivedMailPage page;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    page = TRY(app::list_received_mail(ex, ctx.actor(), ctx.query("mailbox").value_or(""),
                                       req.after_id, req.limit));
    return {};
  }));
  json::array items;
  for (const auto& m : page.items) {
    items.push_back({{"id", m.id},
                     {"mailbox", m.mailbox},
                     {"message_id", m.message_id},
                     {"from", m.from_address},
                     {"subject", m.subject},
                     {"outcome", m.outcome},
                     {"ticket_id", m.ticket_id ? json::value(m.ticket_id) : json::value(nullptr)},
                     {"size", m.size},
                     {"attachments_not_kept", m.attachments_not_kept},
                     {"received_at", instant_json(m.received_at)}});
  }
  json::object out{{"items", std::move(items)}};
  out["next_cursor"] =
      page.next_before_id ? json::value(encode_cursor("mail", *page.next_before_id)) : nullptr;
  respond(ctx, 200, out);
  return {};
}

}  // namespace

void add_notification_routes(Router& router) {
  router.add({"GET", "/api/v1/notifications", "listNotifications", Access::authenticated, "",
              BodyKind::none, list_mine});
  router.add({"GET", "/api/v1/notifications/unread-count", "countUnreadNotifications",
              Access::authenticated, "", BodyKind::none, unread_count});
  router.add({"POST", "/api/v1/notifications/{id}/read", "markNotificationRead",
              Access::authenticated, "", BodyKind::none, mark_read});
  router.add({"POST", "/api/v1/notifications/read-all", "markAllNotificationsRead",
              Access::authenticated, "", BodyKind::none, mark_all_read});
  router.add({"GET", "/api/v1/tickets/{id}/deliveries", "listTicketDeliveries", Access::permission,
              "notification.read", BodyKind::none, ticket_deliveries});
  router.add({"POST", "/api/v1/notification-deliveries/{id}/retry", "retryNotificationDelivery",
              Access::permission, "notification.admin", BodyKind::none, retry_delivery});
  router.add({"GET", "/api/v1/notification-rules", "listNotificationRules", Access::permission,
              "notification.admin", BodyKind::none, list_rules});
  router.add({"POST", "/api/v1/notification-rules", "createNotificationRule", Access::permission,
              "notification.admin", BodyKind::json, create_rule});
  router.add({"GET", "/api/v1/notification-rules/{id}", "getNotificationRule", Access::permission,
              "notification.admin", BodyKind::none, get_rule});
  router.add({"PATCH", "/api/v1/notification-rules/{id}", "updateNotificationRule",
              Access::permission, "notification.admin", BodyKind::json, patch_rule});
  router.add({"DELETE", "/api/v1/notification-rules/{id}", "deleteNotificationRule",
              Access::permission, "notification.admin", BodyKind::none, delete_rule});
  router.add({"GET", "/api/v1/notification-templates", "listNotificationTemplates",
              Access::permission, "notification.admin", BodyKind::none, list_templates});
  router.add({"PUT", "/api/v1/notification-templates", "putNotificationTemplate",
              Access::permission, "notification.admin", BodyKind::json, put_template});
  router.add({"GET", "/api/v1/mail-messages", "listReceivedMail", Access::permission,
              "notification.admin", BodyKind::none, list_mail});
  router.add({"GET", "/api/v1/webhooks", "listWebhooks", Access::permission, "notification.admin",
              BodyKind::none, list_webhooks});
  router.add({"POST", "/api/v1/webhooks", "createWebhook", Access::permission, "notification.admin",
              BodyKind::json, create_webhook});
  router.add({"GET", "/api/v1/webhooks/{id}", "getWebhook", Access::permission,
              "notification.admin", BodyKind::none, get_webhook});
  router.add({"PATCH", "/api/v1/webhooks/{id}", "updateWebhook", Access::permission,
              "notification.admin", BodyKind::json, patch_webhook});
  router.add({"DELETE", "/api/v1/webhooks/{id}", "deleteWebhook", Access::permission,
              "notification.admin", BodyKind::none, delete_webhook});
  router.add({"GET", "/api/v1/webhooks/{id}/deliveries", "listWebhookDeliveries",
              Access::permission, "notification.admin", BodyKind::none, webhook_deliveries});
}

}  // namespace fuwu::http
