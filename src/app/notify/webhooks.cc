// Outgoing webhooks and WeCom / DingTalk group robots (administrators).
#include "app/notify/notify.h"
#include "app/platform/audit.h"
#include "base/crypto.h"

namespace fuwu::app {
namespace {

constexpr const char* kSelect =
    "SELECT id, name, kind, url, secret, event_types, language, enabled, consecutive_failures, "
    "disabled_reason, version, created_at, updated_at FROM webhooks";

Webhook webhook_from_row(const store::Row& r) {
  Webhook w;
  w.id = r.i64(0);
  w.name = r.text(1);
  w.kind = r.text(2);
  w.url = r.text(3);
  w.secret = r.text(4);
  w.event_types = string_list(r.text(5));
  w.language = r.text(6);
  w.enabled = r.i64(7) != 0;
  w.consecutive_failures = static_cast<int>(r.i64(8));
  w.disabled_reason = r.text(9);
  w.version = r.i64(10);
  w.created_at = parse_rfc3339(r.text(11)).value_or(Instant{});
  w.updated_at = parse_rfc3339(r.text(12)).value_or(Instant{});
  return w;
}

Status validate(const WebhookInput& in, bool creating) {
  Error e(ErrorCode::validation_failed, "the webhook is not valid");
  if (creating && !in.name) e.with_field("name", "required", "a name is required");
  if (in.name && (in.name->empty() || in.name->size() > 200))
    e.with_field("name", "invalid_length", "1 to 200 characters");
  if (creating && !in.kind) e.with_field("kind", "required", "json, wecom or dingtalk");
  if (in.kind && *in.kind != "json" && *in.kind != "wecom" && *in.kind != "dingtalk")
    e.with_field("kind", "not_allowed", "json, wecom or dingtalk");
  if (creating && !in.url) e.with_field("url", "required", "an http(s) URL is required");
  if (in.url && ((in.url->rfind("https://", 0) != 0 && in.url->rfind("http://", 0) != 0) ||
                 in.url->size() > 2000 || in.url->find_first_of(" \t\r\n") != std::string::npos))
    e.with_field("url", "invalid_format", "an http:// or https:// URL");
  if (in.secret && in.secret->size() > 200)
    e.with_field("secret", "invalid_length", "at most 200 characters");
  if (in.language && *in.language != "zh-CN" && *in.language != "en")
    e.with_field("language", "not_allowed", "zh-CN or en");
  if (in.event_types) {
    if (in.event_types->empty()) e.with_field("event_types", "required", "at least one, or *");
    for (std::size_t i = 0; i < in.event_types->size(); ++i) {
      const auto& t = (*in.event_types)[i];
      bool ok = !t.empty() && t.size() <= 64;
      for (char c : t)
        ok = ok && ((c >= 'a' && c <= 'z') || c == '_' || c == '.' || c == '*');
      if (!ok)
        e.with_field("event_types/" + std::to_string(i), "invalid_format",
                     "an event type such as ticket.created, or *");
    }
  }
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace

Result<std::optional<Webhook>> find_webhook(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(std::string(kSelect) + " WHERE id = $1", {id}));
  if (!row) return std::optional<Webhook>();
  return std::optional<Webhook>(webhook_from_row(*row));
}

Result<std::vector<Webhook>> list_webhooks(store::Executor& ex, const Actor& actor) {
  TRY_VOID(require_notification_admin(actor));
  auto rows = TRY(ex.query(std::string(kSelect) + " ORDER BY id"));
  std::vector<Webhook> out;
  for (const auto& r : rows)
    out.push_back(webhook_from_row(r));
  return out;
}

Result<Webhook> get_webhook(store::Executor& ex, const Actor& actor, std::int64_t id) {
  TRY_VOID(require_notification_admin(actor));
  auto w = TRY(find_webhook(ex, id));
  if (!w) return Error(ErrorCode::not_found, "no such webhook");
  return *w;
}

Result<Webhook> create_webhook(store::Executor& ex, const Actor& actor, Instant now,
                               const WebhookInput& in) {
  TRY_VOID(require_notification_admin(actor));
  TRY_VOID(validate(in, true));
  std::string secret = in.secret.value_or("");
  if (secret.empty() && *in.kind == "json") secret = "whsec_" + crypto::random_token(24);
  auto rows = TRY(
      ex.query("INSERT INTO webhooks (name, kind, url, secret, event_types, language, enabled, "
               "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
               {*in.name, *in.kind, *in.url, secret,
                string_list_json(in.event_types.value_or(std::vector<std::string>{"*"})),
                in.language.value_or("zh-CN"), std::int64_t{in.enabled.value_or(true) ? 1 : 0},
                format_rfc3339(now)}));
  const std::int64_t id = rows.at(0).i64(0);
  ChangeSet changes;
  changes.add("name", std::nullopt, *in.name);
  changes.add("kind", std::nullopt, *in.kind);
  changes.add("url", std::nullopt, *in.url);
  TRY_VOID(write_audit(ex, actor, now, "webhook", id, "create", changes.changes()));
  return get_webhook(ex, actor, id);
}

Result<Webhook> update_webhook(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t id, std::int64_t expected_version,
                               const WebhookInput& in) {
  const Webhook cur = TRY(get_webhook(ex, actor, id));
  TRY_VOID(validate(in, false));
  Webhook next = cur;
  ChangeSet changes;
  if (in.name) changes.add("name", cur.name, next.name = *in.name);
  if (in.kind) changes.add("kind", cur.kind, next.kind = *in.kind);
  if (in.url) changes.add("url", cur.url, next.url = *in.url);
  if (in.secret) {
    next.secret = *in.secret;
    changes.add("secret", "(hidden)", "(changed)");
  }
  if (in.event_types) {
    next.event_types = *in.event_types;
    changes.add("event_types", string_list_json(cur.event_types),
                string_list_json(next.event_types));
  }
  if (in.language) changes.add("language", cur.language, next.language = *in.language);
  if (in.enabled) {
    next.enabled = *in.enabled;
    changes.add("enabled", cur.enabled ? "true" : "false", next.enabled ? "true" : "false");
    if (next.enabled) {
      next.consecutive_failures = 0;
      next.disabled_reason.clear();
    }
  }
  const auto n = TRY(ex.exec(
      "UPDATE webhooks SET name = $3, kind = $4, url = $5, secret = $6, event_types = $7, "
      "language = $8, enabled = $9, consecutive_failures = $10, disabled_reason = $11, "
      "version = version + 1, updated_at = $12 WHERE id = $1 AND version = $2",
      {id, expected_version, next.name, next.kind, next.url, next.secret,
       string_list_json(next.event_types), next.language, std::int64_t{next.enabled ? 1 : 0},
       std::int64_t{next.consecutive_failures}, next.disabled_reason, format_rfc3339(now)}));
  if (n == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the webhook was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "webhook", id, "update", changes.changes()));
  return get_webhook(ex, actor, id);
}

Status delete_webhook(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id) {
  const Webhook cur = TRY(get_webhook(ex, actor, id));
  TRY_VOID(ex.exec("DELETE FROM webhooks WHERE id = $1", {id}));
  ChangeSet changes;
  changes.add("name", cur.name, std::nullopt);
  return write_audit(ex, actor, now, "webhook", id, "delete", changes.changes());
}

Status record_webhook_outcome(store::Executor& ex, std::int64_t id, Instant now, bool ok,
                              std::string_view error, int disable_after) {
  if (ok) {
    TRY_VOID(ex.exec("UPDATE webhooks SET consecutive_failures = 0 WHERE id = $1", {id}));
    return {};
  }
  TRY_VOID(ex.exec(
      "UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = $1", {id}));
  TRY_VOID(
      ex.exec("UPDATE webhooks SET enabled = 0, disabled_reason = $3, version = version + 1, "
              "updated_at = $4 WHERE id = $1 AND enabled = 1 AND consecutive_failures >= $2",
              {id, std::int64_t{disable_after},
               "disabled after " + std::to_string(disable_after) +
                   " consecutive failures; last: " + std::string(error.substr(0, 500)),
               format_rfc3339(now)}));
  return {};
}

}  // namespace fuwu::app
