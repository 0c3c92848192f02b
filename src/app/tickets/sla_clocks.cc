#include "app/tickets/sla_clocks.h"

#include <boost/json.hpp>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "app/calendar/calendars.h"
#include "app/kpi/kpi.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/sla/policies.h"
#include "app/sla/sla_json.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

std::string field(const std::string& json, const char* name) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return {};
  const auto* f = v.as_object().if_contains(name);
  if (f == nullptr) return {};
  if (f->is_string()) return std::string(f->as_string());
  if (f->is_int64()) return std::to_string(f->as_int64());
  return {};
}

std::string threshold_kind(sla::Threshold::Kind k) {
  switch (k) {
    case sla::Threshold::Kind::warning:
      return "warning";
    case sla::Threshold::Kind::escalation:
      return "escalation";
    case sla::Threshold::Kind::breach:
      return "breach";
  }
  return "warning";
}

// The ticket's history in the engine's terms.
Result<std::vector<sla::Event>> event_log(store::Executor& ex, const Ticket& t,
                                          const ticket::Lifecycle& lifecycle) {
  auto rows = TRY(ex.query(
      "SELECT at, event_type, data FROM ticket_events WHERE ticket_id = $1 ORDER BY id", {t.id}));
  std::vector<sla::Event> out;
  for (const auto& r : rows) {
    const Instant at = parse_rfc3339(r.text(0)).value_or(Instant{});
    if (auto e = sla_event(lifecycle, at, r.text(1), r.text(2))) out.push_back(std::move(*e));
  }
  return out;
}

// Carries out an escalation on the ticket: reassign to the named group (the assignee is cleared,
// the group picks it up) or raise the priority by one level; notify only announces (the event).
Status escalate(store::Executor& ex, const Actor& system, Instant at, const Ticket& t,
                const sla::Escalation& e) {
  const std::string ts = format_rfc3339(at);
  if (e.action == sla::EscalationAction::reassign) {
    auto group = TRY(ex.query_one("SELECT id FROM groups WHERE name = $1", {e.group}));
    if (!group || group->i64(0) == t.group_id) return {};
    TRY_VOID(
        ex.exec("UPDATE tickets SET group_id = $2, assignee_id = NULL, version = version + 1, "
                "updated_at = $3 WHERE id = $1",
                {t.id, group->i64(0), ts}));
    TRY_VOID(write_audit(ex, system, at, "ticket", t.id, "sla_escalation",
                         {{"group_id", id_text(t.group_id), id_text(group->i64(0))},
                          {"assignee_id", id_text(t.assignee_id), std::string()}}));
    return emit_event(ex, system, at, "ticket.assigned", "ticket", t.id);
  }
  if (e.action == sla::EscalationAction::raise_priority && t.priority > 1) {
    const int raised = t.priority - 1;
    TRY_VOID(
        ex.exec("UPDATE tickets SET priority = $2, priority_overridden = 1, version = version + 1, "
                "updated_at = $3 WHERE id = $1",
                {t.id, std::int64_t{raised}, ts}));
    TRY_VOID(record_ticket_event(ex, t.id, at, "priority_changed",
                                 "{\"priority\":" + std::to_string(raised) + "}"));
    TRY_VOID(write_audit(ex, system, at, "ticket", t.id, "sla_escalation",
                         {{"priority", std::to_string(t.priority), std::to_string(raised)}}));
    return refresh_ticket_sla(ex, t.id, at);
  }
  return {};
}

// What every ticket's clocks are computed with: the policy book and the calendars, built once
// per revision of the SLA configuration (0021_config_revisions: triggers move it on every change
// of a policy or calendar, in the changing transaction) and shared by every request of the
// process, instead of reloaded and rebuilt for each ticket write.
struct SlaConfig {
  std::int64_t revision = 0;
  sla::PolicyBook policies;
  calendar::CalendarBook calendars;  // shares the built calendars: copies are cheap
};

Result<std::shared_ptr<const SlaConfig>> sla_config(store::Executor& ex) {
  static std::mutex mu;
  static std::shared_ptr<const SlaConfig> cached;
  auto row = TRY(ex.query_one("SELECT revision FROM config_revisions WHERE name = 'sla'"));
  if (row) {
    std::lock_guard lock(mu);
    if (cached && cached->revision == row->i64(0)) return cached;
  }
  auto fresh = std::make_shared<SlaConfig>();
  fresh->policies = TRY(load_policy_book(ex));
  fresh->calendars = TRY(load_calendar_book(ex));
  if (!row) return std::shared_ptr<const SlaConfig>(std::move(fresh));
  fresh->revision = row->i64(0);
  std::shared_ptr<const SlaConfig> shared = std::move(fresh);
  std::lock_guard lock(mu);
  cached = shared;
  return shared;
}

}  // namespace

std::optional<sla::Event> sla_event(const ticket::Lifecycle& lifecycle, Instant at,
                                    std::string_view type, const std::string& data) {
  auto category = [&](const std::string& state) {
    const auto* s = lifecycle.state(state);
    return s ? s->category : ticket::StateCategory::open;
  };
  if (type == "created") return sla::Event{at, sla::EventKind::created, lifecycle.initial};
  if (type == "state_changed") {
    const std::string from = field(data, "from"), to = field(data, "to");
    const bool was_resolved = category(from) == ticket::StateCategory::resolved ||
                              category(from) == ticket::StateCategory::closed;
    const bool now_resolved = category(to) == ticket::StateCategory::resolved ||
                              category(to) == ticket::StateCategory::closed;
    if (now_resolved && !was_resolved) return sla::Event{at, sla::EventKind::resolved, to};
    if (!now_resolved && was_resolved) return sla::Event{at, sla::EventKind::reopened, to};
    return sla::Event{at, sla::EventKind::state_changed, to};
  }
  if (type == "priority_changed") {
    return sla::Event{at, sla::EventKind::priority_changed, "P" + field(data, "priority")};
  }
  if (type == "public_reply") return sla::Event{at, sla::EventKind::public_reply, ""};
  if (type == "arrived_on_site") return sla::Event{at, sla::EventKind::arrived_on_site, ""};
  if (type == "calendar_edited") {
    return sla::Event{at, sla::EventKind::calendar_edited, field(data, "calendar")};
  }
  return std::nullopt;
}

sla::RecordFacts sla_facts(std::string_view kind, std::int64_t organisation_id,
                           std::string_view service, int created_priority) {
  sla::RecordFacts facts;
  facts.record_type = std::string(kind);
  facts.customer = organisation_id ? std::to_string(organisation_id) : "";
  facts.service = std::string(service);
  facts.priority = "P" + std::to_string(created_priority);
  return facts;
}

std::optional<Instant> earliest_due(const std::vector<sla::Clock>& clocks) {
  std::optional<Instant> due;
  for (const auto& c : clocks) {
    if (c.state == sla::ClockState::running && c.deadline && (!due || *c.deadline < *due)) {
      due = c.deadline;
    }
  }
  return due;
}

Status schedule_sla_thresholds(store::Executor& ex, std::int64_t ticket_id,
                               const std::vector<sla::Clock>& clocks, Instant now,
                               std::optional<Instant> after) {
  const Instant from = after.value_or(now);
  std::optional<Instant> next;
  for (const auto& c : clocks) {
    if (c.state != sla::ClockState::running) continue;
    for (const auto& th : c.thresholds) {
      if (th.at && *th.at > from && (!next || *th.at < *next)) next = th.at;
    }
  }
  if (!next) return {};
  // Every threshold at that instant (two clocks may share it) gets its job.
  const std::string at = format_rfc3339(*next);
  for (const auto& c : clocks) {
    if (c.state != sla::ClockState::running) continue;
    for (const auto& th : c.thresholds) {
      if (!th.at || *th.at != *next) continue;
      const std::string clock(sla::target_kind_slug(c.kind));
      const std::string kind = threshold_kind(th.kind);
      boost::json::object payload{{"ticket_id", ticket_id},
                                  {"clock", clock},
                                  {"percent", th.percent},
                                  {"kind", kind},
                                  {"at", at}};
      TRY_VOID(enqueue_job(ex,
                           {std::string(kSlaThresholdJob), boost::json::serialize(payload), *next,
                            "sla:" + std::to_string(ticket_id) + ":" + clock + ":" + kind + ":" +
                                std::to_string(th.percent) + ":" + at},
                           now));
    }
  }
  return {};
}

Result<TicketClocks> compute_ticket_clocks(store::Executor& ex, std::int64_t ticket_id, Instant now,
                                           sla::Explain explain) {
  auto t = TRY(find_ticket(ex, ticket_id));
  if (!t) return Error(ErrorCode::not_found, "no such ticket");
  const KindInfo* kind = TRY(kind_info(t->kind));
  TicketClocks out;
  // A record with its own policy (a work order's targets depend on its distance) uses it alone.
  auto own =
      TRY(ex.query_one("SELECT policy FROM ticket_sla_policies WHERE ticket_id = $1", {ticket_id}));
  const auto config = TRY(sla_config(ex));
  const auto own_policies = own ? TRY(sla::parse_policies_json(own->text(0))) : sla::PolicyBook{};
  const sla::PolicyBook& policies = own ? own_policies : config->policies;
  if (policies.policies().empty()) return out;
  // The calendars go with clocks that are shown (their instants are formatted in each clock's
  // zone); a refresh only stores the earliest deadline and keeps them shared.
  if (explain != sla::Explain::none) out.calendars = config->calendars;
  auto events = TRY(event_log(ex, *t, kind->lifecycle));
  if (events.empty()) return out;
  // Priority at creation comes from the created event's data; later changes follow in the log.
  auto first = TRY(
      ex.query_one("SELECT data FROM ticket_events WHERE ticket_id = $1 AND event_type = 'created'",
                   {ticket_id}));
  int created_priority = t->priority;
  if (first) {
    const std::string p = field(first->text(0), "priority");
    if (!p.empty()) created_priority = std::atoi(p.c_str());
  }
  const sla::RecordFacts facts =
      sla_facts(t->kind, t->organisation_id, t->service, created_priority);
  out.clocks = TRY(sla::compute_clocks(facts, events, policies, config->calendars, now, explain));
  return out;
}

Status refresh_ticket_sla(store::Executor& ex, std::int64_t ticket_id, Instant now) {
  auto computed = TRY(compute_ticket_clocks(ex, ticket_id, now, sla::Explain::none));
  const std::optional<Instant> due = earliest_due(computed.clocks);
  TRY_VOID(schedule_sla_thresholds(ex, ticket_id, computed.clocks, now));
  TRY_VOID(
      ex.exec("UPDATE tickets SET sla_due_at = $2 WHERE id = $1",
              {ticket_id, due ? store::Value(format_rfc3339(*due)) : store::Value(store::Null{})}));
  return {};
}

Status run_calendar_edited_job(Services& services, const Job& job) {
  const std::string calendar = field(job.payload, "calendar");
  if (calendar.empty()) return Error(ErrorCode::internal, "malformed calendar job payload");
  const Instant now = services.clock.now();
  const std::string data = "{\"calendar\":\"" + calendar + "\"}";
  // Batches of open tickets by id; each batch is one unit. A retried job repeats the event on
  // the tickets already done, which the explanation shows twice but computes the same.
  std::int64_t after = 0;
  for (;;) {
    std::int64_t last = 0;
    TRY_VOID(services.db.write([&](store::Executor& ex) -> Status {
      auto rows = TRY(ex.query(
          "SELECT id FROM tickets WHERE id > $1 AND state_category NOT IN ('resolved', 'closed') "
          "ORDER BY id LIMIT 200",
          {after}));
      last = 0;
      for (const auto& r : rows) {
        last = r.i64(0);
        TRY_VOID(record_ticket_event(ex, last, now, "calendar_edited", data));
        TRY_VOID(refresh_ticket_sla(ex, last, now));
      }
      return {};
    }));
    if (last == 0) return {};
    after = last;
  }
}

Status run_sla_threshold_job(Services& services, const Job& job) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.payload, ec);
  if (ec || !v.is_object()) return Error(ErrorCode::internal, "malformed SLA job payload");
  const auto& p = v.as_object();
  const std::int64_t ticket_id = p.at("ticket_id").as_int64();
  const std::string clock(p.at("clock").as_string());
  const int percent = static_cast<int>(p.at("percent").as_int64());
  const std::string kind(p.at("kind").as_string());
  const std::string at_text(p.at("at").as_string());
  const auto at = parse_rfc3339(at_text);
  if (!at) return Error(ErrorCode::internal, "malformed SLA job instant");
  const Actor system = Actor::system("job");
  return services.db.write([&](store::Executor& ex) -> Status {
    // Does the threshold still stand at its instant? Priority, policy or state may have moved it.
    auto computed = TRY(compute_ticket_clocks(ex, ticket_id, *at, sla::Explain::none));
    // The chain goes on from this instant, whether or not this threshold still stands.
    TRY_VOID(schedule_sla_thresholds(ex, ticket_id, computed.clocks, services.clock.now(), *at));
    const sla::Threshold* standing = nullptr;
    for (const auto& c : computed.clocks) {
      if (sla::target_kind_slug(c.kind) != clock) continue;
      for (const auto& th : c.thresholds) {
        if (th.percent == percent && threshold_kind(th.kind) == kind && th.at && *th.at == *at) {
          standing = &th;
        }
      }
    }
    if (standing == nullptr) return {};
    const auto inserted = TRY(ex.exec(
        "INSERT INTO sla_notifications (ticket_id, clock, percent, at, announced_at) VALUES ($1, "
        "$2, $3, $4, $5) ON CONFLICT DO NOTHING",
        {ticket_id, clock + "/" + kind, std::int64_t{percent}, at_text,
         format_rfc3339(services.clock.now())}));
    if (inserted == 0) return {};  // announced already (a retried job)
    auto t = TRY(find_ticket(ex, ticket_id));
    boost::json::object payload{
        {"number", t ? t->number : ""}, {"clock", clock}, {"percent", percent}, {"at", at_text}};
    if (standing->escalation) {
      payload["action"] = sla::escalation_action_slug(standing->escalation->action);
      payload["group"] = standing->escalation->group;
      if (t) TRY_VOID(escalate(ex, system, *at, *t, *standing->escalation));
    }
    TRY_VOID(emit_event(ex, system, *at, "sla." + kind, "ticket", ticket_id,
                        boost::json::serialize(payload)));
    // A missed deadline counts against a work order's on-time rate from then on (app/kpi).
    if (kind == "breach") {
      TRY_VOID(refresh_work_order_facts(ex, ticket_id, Instant::from_unix(at->unix_seconds + 1)));
    }
    return {};
  });
}

}  // namespace fuwu::app
