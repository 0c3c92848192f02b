// Notification rules: list, read, create, change, delete (administrators).
#include <boost/json.hpp>

#include "app/notify/notify.h"
#include "app/platform/audit.h"

namespace fuwu::app {
namespace {

bool valid_event_type(std::string_view t) {
  if (t == "*") return true;
  if (t.empty() || t.size() > 64 || t.find('.') == std::string_view::npos) return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '.')) return false;
  return true;
}

bool valid_recipient(std::string_view r) {
  if (r == "requester" || r == "assignee" || r == "group" || r == "watchers" || r == "managers" ||
      r == "requester_manager" || r == "approver" || r == "quality")
    return true;
  if (r.rfind("user:", 0) == 0) {
    const auto digits = r.substr(5);
    return !digits.empty() && digits.size() < 19 &&
           digits.find_first_not_of("0123456789") == std::string_view::npos;
  }
  if (r.rfind("address:", 0) == 0) {
    const auto addr = r.substr(8);
    const auto at = addr.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < addr.size() && addr.size() <= 254 &&
           addr.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
  }
  return false;
}

Status validate(const RuleInput& in, bool creating) {
  Error e(ErrorCode::validation_failed, "the rule is not valid");
  if (creating && !in.name) e.with_field("name", "required", "a name is required");
  if (in.name && (in.name->empty() || in.name->size() > 200))
    e.with_field("name", "invalid_length", "1 to 200 characters");
  if (creating && !in.event_type) e.with_field("event_type", "required", "an event is required");
  if (in.event_type && !valid_event_type(*in.event_type))
    e.with_field("event_type", "invalid_format", "an event type such as ticket.created, or *");
  if (in.conditions) {
    boost::system::error_code ec;
    auto v = boost::json::parse(*in.conditions, ec);
    if (ec || !v.is_object()) {
      e.with_field("conditions", "wrong_type", "must be an object");
    } else {
      static const std::vector<std::string_view> fields = {
          "kind",  "priority", "state",  "state_category", "group_id", "organisation_id",
          "major", "channel",  "service"};
      for (const auto& [key, value] : v.as_object()) {
        if (std::find(fields.begin(), fields.end(), std::string_view(key)) == fields.end())
          e.with_field("conditions/" + std::string(key), "unknown_field",
                       "one of kind, priority, state, state_category, group_id, organisation_id, "
                       "major, channel, service");
        else if (value.is_object() || value.is_null())
          e.with_field("conditions/" + std::string(key), "wrong_type",
                       "a value or an array of values");
      }
    }
  }
  if (creating && (!in.recipients || in.recipients->empty()))
    e.with_field("recipients", "required", "at least one recipient");
  if (in.recipients) {
    for (std::size_t i = 0; i < in.recipients->size(); ++i)
      if (!valid_recipient((*in.recipients)[i]))
        e.with_field("recipients/" + std::to_string(i), "not_allowed",
                     "requester, assignee, group, watchers, managers, requester_manager, approver, "
                     "user:<id> or "
                     "address:<e-mail>");
  }
  if (creating && (!in.channels || in.channels->empty()))
    e.with_field("channels", "required", "at least one channel");
  if (in.channels) {
    for (std::size_t i = 0; i < in.channels->size(); ++i)
      if ((*in.channels)[i] != "in_app" && (*in.channels)[i] != "email")
        e.with_field("channels/" + std::to_string(i), "not_allowed", "in_app or email");
  }
  if (!e.fields.empty()) return e;
  return {};
}

std::string bool_text(bool b) {
  return b ? "true" : "false";
}

}  // namespace

Result<std::vector<NotificationRule>> list_rules(store::Executor& ex, const Actor& actor) {
  TRY_VOID(require_notification_admin(actor));
  auto rows = TRY(ex.query(rule_select() + " ORDER BY id"));
  std::vector<NotificationRule> out;
  for (const auto& r : rows)
    out.push_back(rule_from_row(r));
  return out;
}

Result<NotificationRule> get_rule(store::Executor& ex, const Actor& actor, std::int64_t id) {
  TRY_VOID(require_notification_admin(actor));
  auto row = TRY(ex.query_one(rule_select() + " WHERE id = $1", {id}));
  if (!row) return Error(ErrorCode::not_found, "no such notification rule");
  return rule_from_row(*row);
}

Result<NotificationRule> create_rule(store::Executor& ex, const Actor& actor, Instant now,
                                     const RuleInput& in) {
  TRY_VOID(require_notification_admin(actor));
  TRY_VOID(validate(in, true));
  auto rows = TRY(ex.query(
      "INSERT INTO notification_rules (name, event_type, conditions, recipients, channels, "
      "notify_actor, enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
      "RETURNING id",
      {*in.name, *in.event_type, in.conditions.value_or("{}"), string_list_json(*in.recipients),
       string_list_json(*in.channels), std::int64_t{in.notify_actor.value_or(false) ? 1 : 0},
       std::int64_t{in.enabled.value_or(true) ? 1 : 0}, format_rfc3339(now)}));
  const std::int64_t id = rows.at(0).i64(0);
  ChangeSet changes;
  changes.add("name", std::nullopt, *in.name);
  changes.add("event_type", std::nullopt, *in.event_type);
  changes.add("conditions", std::nullopt, in.conditions.value_or("{}"));
  changes.add("recipients", std::nullopt, string_list_json(*in.recipients));
  changes.add("channels", std::nullopt, string_list_json(*in.channels));
  TRY_VOID(write_audit(ex, actor, now, "notification_rule", id, "create", changes.changes()));
  return get_rule(ex, actor, id);
}

Result<NotificationRule> update_rule(store::Executor& ex, const Actor& actor, Instant now,
                                     std::int64_t id, std::int64_t expected_version,
                                     const RuleInput& in) {
  const NotificationRule cur = TRY(get_rule(ex, actor, id));
  TRY_VOID(validate(in, false));
  NotificationRule next = cur;
  ChangeSet changes;
  if (in.name) changes.add("name", cur.name, next.name = *in.name);
  if (in.event_type) changes.add("event_type", cur.event_type, next.event_type = *in.event_type);
  if (in.conditions) changes.add("conditions", cur.conditions, next.conditions = *in.conditions);
  if (in.recipients) {
    next.recipients = *in.recipients;
    changes.add("recipients", string_list_json(cur.recipients), string_list_json(next.recipients));
  }
  if (in.channels) {
    next.channels = *in.channels;
    changes.add("channels", string_list_json(cur.channels), string_list_json(next.channels));
  }
  if (in.notify_actor) {
    next.notify_actor = *in.notify_actor;
    changes.add("notify_actor", bool_text(cur.notify_actor), bool_text(next.notify_actor));
  }
  if (in.enabled) {
    next.enabled = *in.enabled;
    changes.add("enabled", bool_text(cur.enabled), bool_text(next.enabled));
  }
  if (next.recipients.empty() || next.channels.empty()) {
    return Error(ErrorCode::validation_failed, "the rule is not valid")
        .with_field(next.recipients.empty() ? "recipients" : "channels", "required",
                    "at least one");
  }
  const auto n = TRY(ex.exec(
      "UPDATE notification_rules SET name = $3, event_type = $4, conditions = $5, recipients = "
      "$6, channels = $7, notify_actor = $8, enabled = $9, version = version + 1, updated_at = "
      "$10 WHERE id = $1 AND version = $2",
      {id, expected_version, next.name, next.event_type, next.conditions,
       string_list_json(next.recipients), string_list_json(next.channels),
       std::int64_t{next.notify_actor ? 1 : 0}, std::int64_t{next.enabled ? 1 : 0},
       format_rfc3339(now)}));
  if (n == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the rule was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "notification_rule", id, "update", changes.changes()));
  return get_rule(ex, actor, id);
}

Status delete_rule(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id) {
  const NotificationRule cur = TRY(get_rule(ex, actor, id));
  TRY_VOID(ex.exec("DELETE FROM notification_rules WHERE id = $1", {id}));
  ChangeSet changes;
  changes.add("name", cur.name, std::nullopt);
  return write_audit(ex, actor, now, "notification_rule", id, "delete", changes.changes());
}

}  // namespace fuwu::app
