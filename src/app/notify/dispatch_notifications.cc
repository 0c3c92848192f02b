// The outbox consumer of notifications (see notify.h for the exactly-once argument).
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "app/auth/auth.h"
#include "app/notify/notify.h"
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"
#include "app/tickets/watchers.h"
#include "domain/notify/template.h"

namespace fuwu::app {
namespace {

namespace json = boost::json;

struct Recipient {
  std::string key;  // "user:42" | "address:a@b"
  std::int64_t user_id = 0;
  std::string name;
  std::string email;
  std::string language = "zh-CN";
  std::optional<access::Principal> principal;
  bool asked_to_act = false;  // an approver: told even without access to the whole record
};

// An integer field of an event's JSON payload (0 when absent).
std::int64_t payload_int(std::string_view payload, std::string_view key) {
  boost::system::error_code ec;
  auto p = json::parse(payload, ec);
  if (ec || !p.is_object() || !p.as_object().contains(key)) return 0;
  const auto& v = p.as_object().at(key);
  return v.is_int64() ? v.as_int64() : 0;
}

// A condition value matches a ticket field when it equals it, or (an array) contains it.
bool value_matches(const json::value& want, const json::value& have) {
  if (want.is_array()) {
    for (const auto& w : want.as_array())
      if (value_matches(w, have)) return true;
    return false;
  }
  if (want.is_int64() && have.is_int64()) return want.as_int64() == have.as_int64();
  if (want.is_string() && have.is_string()) return want.as_string() == have.as_string();
  if (want.is_bool() && have.is_bool()) return want.as_bool() == have.as_bool();
  return false;
}

json::value ticket_field(const Ticket& t, std::string_view field) {
  if (field == "kind") return json::value(t.kind);
  if (field == "priority") return json::value(std::int64_t{t.priority});
  if (field == "state") return json::value(t.state);
  if (field == "state_category") return json::value(t.state_category);
  if (field == "group_id") return json::value(t.group_id);
  if (field == "organisation_id") return json::value(t.organisation_id);
  if (field == "major") return json::value(t.major);
  if (field == "channel") return json::value(t.channel);
  if (field == "service") return json::value(t.service);
  return nullptr;
}

bool conditions_match(std::string_view conditions, const Ticket& t) {
  boost::system::error_code ec;
  auto v = json::parse(conditions, ec);
  if (ec || !v.is_object()) return false;
  for (const auto& [key, want] : v.as_object()) {
    if (!value_matches(want, ticket_field(t, key))) return false;
  }
  return true;
}

class Dispatcher {
 public:
  Dispatcher(store::Executor& ex, Instant now, const DispatchOptions& options)
      : ex_(ex), now_(now), options_(options) {}

  Status load() {
    auto rows = TRY(ex_.query(rule_select() + " WHERE enabled = 1 ORDER BY id"));
    for (const auto& r : rows)
      rules_.push_back(rule_from_row(r));
    auto templates =
        TRY(ex_.query("SELECT event_type, language, subject, body FROM notification_templates"));
    for (const auto& r : templates)
      templates_[{r.text(0), r.text(1)}] = {r.text(2), r.text(3)};
    auto hooks = TRY(ex_.query("SELECT id FROM webhooks WHERE enabled = 1 ORDER BY id"));
    for (const auto& h : hooks) {
      auto w = TRY(find_webhook(ex_, h.i64(0)));
      if (w) webhooks_.push_back(*w);
    }
    return {};
  }

  Status handle(const Event& e) {
    std::optional<Ticket> ticket;
    if (e.record_type == "ticket") ticket = TRY(find_ticket(ex_, e.record_id));
    std::int64_t actor_id = TRY(actor_of(e));
    Values base;
    if (ticket) base = TRY(ticket_values(e, *ticket, actor_id));
    for (const auto& w : webhooks_) {
      const bool wanted =
          std::any_of(w.event_types.begin(), w.event_types.end(),
                      [&](const std::string& t) { return t == "*" || t == e.type; });
      // Robots post readable messages about records; JSON webhooks get every subscribed event.
      if (wanted && (w.kind == "json" || ticket)) TRY_VOID(deliver_webhook(e, w, ticket, base));
    }
    if (!ticket) return {};
    // A record created with an assignee or a group was also assigned: the rules of
    // ticket.assigned apply to it as well (with their template).
    const bool created_assigned =
        e.type == "ticket.created" && (ticket->assignee_id != 0 || ticket->group_id != 0);
    for (const auto& rule : rules_) {
      const bool direct = rule.event_type == e.type || rule.event_type == "*";
      if (!direct && !(created_assigned && rule.event_type == "ticket.assigned")) continue;
      const std::string type = direct ? e.type : rule.event_type;
      if (!conditions_match(rule.conditions, *ticket)) continue;
      auto recipients = TRY(resolve(rule, *ticket, e));
      for (auto& r : recipients) {
        if (!rule.notify_actor && r.user_id != 0 && r.user_id == actor_id) continue;
        if (r.principal && !r.asked_to_act) {
          // Nobody is told about a record they may not read, nor of an internal note they may
          // not see.
          if (!access::may(*r.principal, "ticket.read", ownership(*ticket))) continue;
          if (internal_event(e.type) && !access::can(*r.principal, "ticket.note")) continue;
        }
        for (const auto& channel : rule.channels)
          TRY_VOID(deliver(e, type, rule, *ticket, base, r, channel));
      }
    }
    return {};
  }

  DispatchResult result;

 private:
  using Values = notify::Values;

  // Who caused the event: the audit entry written by the same request for the same record.
  Result<std::int64_t> actor_of(const Event& e) {
    if (e.request_id.empty()) return std::int64_t{0};
    auto row = TRY(
        ex_.query_one("SELECT COALESCE(actor_id, 0) FROM audit_entries WHERE request_id = $1 AND "
                      "record_type = $2 AND record_id = $3 ORDER BY id DESC LIMIT 1",
                      {e.request_id, e.record_type, e.record_id}));
    return row ? row->i64(0) : std::int64_t{0};
  }

  Result<std::string> user_name(std::int64_t id) {
    if (id == 0) return std::string();
    auto row = TRY(ex_.query_one(
        "SELECT CASE WHEN display_name = '' THEN login ELSE display_name END FROM users WHERE "
        "id = $1",
        {id}));
    return row ? row->text(0) : std::string();
  }

  // The record's fields as template values; for a journal event also the entry's text (and its
  // author is the actor).
  Result<Values> ticket_values(const Event& e, const Ticket& t, std::int64_t& actor_id) {
    Values v;
    v["number"] = t.number;
    v["title"] = t.title;
    v["state"] = t.state;
    v["priority"] = std::to_string(t.priority);
    v["kind"] = t.kind;
    v["event"] = e.type;
    v["requester"] = TRY(user_name(t.requester_id));
    v["assignee"] = TRY(user_name(t.assignee_id));
    if (t.group_id) {
      auto g = TRY(ex_.query_one("SELECT name FROM groups WHERE id = $1", {t.group_id}));
      if (g) v["group"] = g->text(0);
    }
    if (t.organisation_id) {
      auto o =
          TRY(ex_.query_one("SELECT name FROM organisations WHERE id = $1", {t.organisation_id}));
      if (o) v["organisation"] = o->text(0);
    }
    if (!options_.public_url.empty())
      v["url"] = options_.public_url + "/tickets/" + std::to_string(t.id);
    if (e.type == "ticket.replied" || e.type == "ticket.note_added") {
      if (const auto entry_id = payload_int(e.payload, "entry_id")) {
        auto entry = TRY(ex_.query_one(
            "SELECT body, COALESCE(author_id, 0) FROM journal_entries WHERE id = $1", {entry_id}));
        if (entry) {
          v["reply"] = entry->text(0);
          if (entry->i64(1)) actor_id = entry->i64(1);
        }
      }
    }
    if (e.type.rfind("approval.", 0) == 0) {
      boost::system::error_code ec;
      auto p = json::parse(e.payload, ec);
      if (!ec && p.is_object()) {
        const auto& o = p.as_object();
        if (o.contains("stage") && o.at("stage").is_int64())
          v["stage"] = std::to_string(o.at("stage").as_int64());
        if (o.contains("comment") && o.at("comment").is_string())
          v["comment"] = std::string(o.at("comment").as_string());
        if (o.contains("approver_id") && o.at("approver_id").is_int64())
          v["approver"] = TRY(user_name(o.at("approver_id").as_int64()));
      }
    }
    return v;
  }

  Result<std::optional<Recipient>> user_recipient(std::int64_t id) {
    if (id == 0) return std::optional<Recipient>();
    if (auto it = users_.find(id); it != users_.end()) return it->second;
    auto user = TRY(find_user_by_id(ex_, id));
    std::optional<Recipient> out;
    if (user && !user->disabled) {
      Recipient r;
      r.key = "user:" + std::to_string(id);
      r.user_id = id;
      r.name = user->display_name.empty() ? user->login : user->display_name;
      r.email = user->email;
      r.language = user->language;
      auto grants = role_grants_.find(user->role);
      if (grants == role_grants_.end()) {
        grants = role_grants_.emplace(user->role, TRY(load_role_grants(ex_, user->role))).first;
      }
      r.principal = TRY(load_principal(ex_, *user, grants->second));
      out = std::move(r);
    }
    users_[id] = out;
    return out;
  }

  Result<std::vector<Recipient>> resolve(const NotificationRule& rule, const Ticket& t,
                                         const Event& e) {
    std::vector<std::int64_t> ids;
    std::vector<Recipient> out;
    std::int64_t approver = 0;
    for (const auto& spec : rule.recipients) {
      if (spec == "requester") {
        ids.push_back(t.requester_id);
      } else if (spec == "requester_manager" && t.requester_id) {
        // The requester's line manager (users.manager_id).
        auto row = TRY(ex_.query_one("SELECT COALESCE(manager_id, 0) FROM users WHERE id = $1",
                                     {t.requester_id}));
        if (row) ids.push_back(row->i64(0));
      } else if (spec == "approver") {
        // The approver an approval.* event names.
        approver = payload_int(e.payload, "approver_id");
        ids.push_back(approver);
      } else if (spec == "assignee") {
        ids.push_back(t.assignee_id);
      } else if (spec == "group" && t.group_id) {
        auto rows =
            TRY(ex_.query("SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id",
                          {t.group_id}));
        for (const auto& r : rows)
          ids.push_back(r.i64(0));
      } else if (spec == "managers") {
        // Service managers: active users whose role grants ticket.manage (or everything).
        auto rows = TRY(ex_.query(
            "SELECT DISTINCT u.id FROM users u JOIN role_grants g ON g.role = u.role WHERE "
            "g.permission IN ('ticket.manage', '*') AND u.disabled = 0 AND u.kind = 'user' "
            "ORDER BY u.id"));
        for (const auto& r : rows)
          ids.push_back(r.i64(0));
      } else if (spec == "quality") {
        // The quality department and the management representative (seed 004 §5.1.14): active
        // users whose role grants complaint.major_notice.
        auto rows = TRY(ex_.query(
            "SELECT DISTINCT u.id FROM users u JOIN role_grants g ON g.role = u.role WHERE "
            "g.permission = 'complaint.major_notice' AND u.disabled = 0 AND u.kind = 'user' "
            "ORDER BY u.id"));
        for (const auto& r : rows)
          ids.push_back(r.i64(0));
      } else if (spec.rfind("user:", 0) == 0) {
        ids.push_back(std::atoll(spec.c_str() + 5));
      } else if (spec.rfind("address:", 0) == 0) {
        Recipient r;
        r.key = spec;
        r.email = spec.substr(8);
        r.name = r.email;
        out.push_back(std::move(r));
      } else if (spec == "watchers") {
        for (const auto id : TRY(ticket_watcher_ids(ex_, t.id)))
          ids.push_back(id);
      }
    }
    std::set<std::int64_t> seen;
    for (auto id : ids) {
      if (id == 0 || !seen.insert(id).second) continue;
      auto r = TRY(user_recipient(id));
      if (!r) continue;
      r->asked_to_act = id == approver;
      out.push_back(*r);
    }
    return out;
  }

  Status deliver_webhook(const Event& e, const Webhook& w, const std::optional<Ticket>& t,
                         const Values& values) {
    std::string subject;
    std::string body;
    if (w.kind == "json") {
      boost::system::error_code ec;
      auto data = json::parse(e.payload, ec);
      if (ec) data = json::object{};
      json::object record{{"type", e.record_type}, {"id", e.record_id}};
      if (t) {
        record["number"] = t->number;
        record["title"] = t->title;
        record["kind"] = t->kind;
        record["state"] = t->state;
        record["priority"] = t->priority;
        record["organisation_id"] = t->organisation_id;
        if (auto it = values.find("url"); it != values.end()) record["url"] = it->second;
      }
      subject = e.type;
      body = json::serialize(json::object{{"id", e.id},
                                          {"type", e.type},
                                          {"occurred_at", format_rfc3339(e.at)},
                                          {"record", std::move(record)},
                                          {"data", std::move(data)}});
    } else {
      const auto found = find_template(e.type, w.language);
      const std::string title =
          found.text ? notify::render(found.text->first, values, notify::Escape::header) : e.type;
      subject = notify::subject_with_number(title, t->number);
      body = "**" + notify::escape(subject, notify::Escape::markdown) + "**\n\n" +
             (found.text ? notify::render(found.text->second, values, notify::Escape::markdown)
                         : notify::escape(t->title, notify::Escape::markdown));
    }
    const std::string channel = w.kind == "json" ? "webhook" : w.kind;
    auto inserted = TRY(ex_.query(
        "INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, address, "
        "language, record_type, record_id, subject, body, state, created_at) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, 'pending', $11) ON CONFLICT (event_id, recipient, channel) "
        "DO NOTHING RETURNING id",
        {e.id, e.type, channel, "webhook:" + std::to_string(w.id), w.url, w.language, e.record_type,
         e.record_id, subject, body, format_rfc3339(now_)}));
    if (inserted.empty()) return {};
    ++result.deliveries;
    return enqueue_delivery(inserted.front().i64(0));
  }

  Status enqueue_delivery(std::int64_t id) {
    TRY_VOID(enqueue_delivery_job(ex_, id, now_));
    ++result.jobs;
    return {};
  }

  struct Found {
    const std::pair<std::string, std::string>* text = nullptr;
    std::string language;
  };
  // The recipient's language, else zh-CN, else en.
  Found find_template(const std::string& event, const std::string& language) {
    for (const auto& lang : {language, std::string("zh-CN"), std::string("en")}) {
      if (auto it = templates_.find({event, lang}); it != templates_.end())
        return {&it->second, lang};
    }
    return {nullptr, language};
  }

  // `type`: the event type whose template is used (e.type, or ticket.assigned for a record
  // created with an assignee).
  Status deliver(const Event& e, const std::string& type, const NotificationRule& rule,
                 const Ticket& t, Values values, const Recipient& r, const std::string& channel) {
    if (channel == "in_app" && r.user_id == 0) return {};
    if (channel == "email" && r.email.empty()) return {};
    if (channel != "in_app" && channel != "email") return {};
    values["recipient"] = r.name;
    const auto found = find_template(type, r.language);
    const auto* tpl = found.text;
    const std::string& language = found.language;
    std::string subject = tpl ? notify::render(tpl->first, values, notify::Escape::header)
                              : notify::escape(type + ": " + t.title, notify::Escape::header);
    std::string body = tpl ? notify::render(tpl->second, values, notify::Escape::text)
                           : notify::escape(t.title, notify::Escape::text);
    if (channel == "email") subject = notify::subject_with_number(subject, t.number);

    std::string state = "pending";
    std::string error;
    if (channel == "in_app") {
      state = "sent";
    } else if (!options_.email_enabled) {
      state = "skipped";
      error = "no SMTP server is configured";
    }
    auto inserted = TRY(ex_.query(
        "INSERT INTO notification_deliveries (event_id, event_type, rule_id, channel, recipient, "
        "user_id, address, language, record_type, record_id, subject, body, state, last_error, "
        "created_at, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16) ON CONFLICT (event_id, recipient, channel) DO NOTHING RETURNING id",
        {e.id, type, rule.id, channel, r.key,
         r.user_id ? store::Value(r.user_id) : store::Value(store::Null{}),
         channel == "email" ? r.email : std::string(), language, e.record_type, e.record_id,
         subject, body, state, error, format_rfc3339(now_),
         state == "sent" ? store::Value(format_rfc3339(now_)) : store::Value(store::Null{})}));
    if (inserted.empty()) return {};  // this (event, recipient, channel) was handled before
    const std::int64_t id = inserted.front().i64(0);
    ++result.deliveries;
    if (channel == "in_app") {
      TRY_VOID(ex_.exec(
          "INSERT INTO notifications (user_id, delivery_id, event_type, record_type, record_id, "
          "title, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {r.user_id, id, type, e.record_type, e.record_id,
           notify::subject_with_number(subject, t.number), body, format_rfc3339(now_)}));
      return {};
    }
    if (state != "pending") return {};
    // A stable Message-ID: a retried send carries the same one, so receivers can drop a
    // duplicate and replies thread onto the record.
    TRY_VOID(ex_.exec(
        "UPDATE notification_deliveries SET message_id = $2 WHERE id = $1",
        {id, "<fuwu." + std::to_string(id) + "." + t.number + "@" + options_.mail_domain + ">"}));
    return enqueue_delivery(id);
  }

  store::Executor& ex_;
  Instant now_;
  const DispatchOptions& options_;
  std::vector<NotificationRule> rules_;
  std::vector<Webhook> webhooks_;
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> templates_;
  std::map<std::int64_t, std::optional<Recipient>> users_;
  std::map<std::string, std::vector<access::Grant>> role_grants_;  // by role, for this pass
};

}  // namespace

Result<DispatchResult> dispatch_notifications(store::Executor& ex, Instant now,
                                              const DispatchOptions& options) {
  const auto cursor = TRY(consumer_cursor(ex, kNotificationConsumer));
  auto events = TRY(read_events(ex, cursor, options.batch));
  if (events.empty()) return DispatchResult{};
  Dispatcher d(ex, now, options);
  TRY_VOID(d.load());
  for (const auto& e : events) {
    TRY_VOID(d.handle(e));
    ++d.result.events;
  }
  TRY_VOID(advance_cursor(ex, kNotificationConsumer, events.back().id));
  return d.result;
}

}  // namespace fuwu::app
