#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/search/search.h"
#include "app/settings/priority_matrix.h"
#include "app/tickets/relations.h"
#include "app/tickets/sla_clocks.h"
#include "app/tickets/ticket.h"
#include "domain/richtext/sanitize.h"
#include "domain/ticket/number.h"
#include "domain/ticket/priority.h"

namespace fuwu::app {
namespace {

bool valid_channel(std::string_view c) {
  return c == "phone" || c == "email" || c == "portal" || c == "walk_in" || c == "letter" ||
         c == "api";
}

std::string default_channel(const Actor& actor, bool customer) {
  if (actor.via == "token") return "api";
  return customer ? "portal" : "phone";
}

Result<std::int64_t> next_sequence(store::Executor& ex, std::string_view kind, int year) {
  auto row = TRY(ex.query_one(
      "INSERT INTO ticket_counters (kind, year, last_sequence) VALUES ($1, $2, 1) "
      "ON CONFLICT (kind, year) DO UPDATE SET last_sequence = ticket_counters.last_sequence + 1 "
      "RETURNING last_sequence",
      {std::string(kind), std::int64_t{year}}));
  return row->i64(0);
}

// Checks that referenced people and groups exist and fit together.
Status check_references(store::Executor& ex, const NewTicket& in, Error& invalid) {
  if (in.organisation_id != 0) {
    auto org =
        TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {in.organisation_id}));
    if (!org) invalid.with_field("organisation_id", "not_found", "no such organisation");
  }
  if (in.requester_id != 0) {
    auto u = TRY(ex.query_one("SELECT COALESCE(organisation_id, 0) FROM users WHERE id = $1",
                              {in.requester_id}));
    if (!u) invalid.with_field("requester_id", "not_found", "no such person");
  }
  if (in.site_id != 0) {
    auto site = TRY(ex.query_one("SELECT organisation_id FROM sites WHERE id = $1", {in.site_id}));
    if (!site || site->i64(0) != in.organisation_id) {
      invalid.with_field("site_id", "not_found", "no such site of this organisation");
    }
  }
  if (in.group_id != 0) {
    auto g = TRY(ex.query_one("SELECT id FROM groups WHERE id = $1", {in.group_id}));
    if (!g) invalid.with_field("group_id", "not_found", "no such group");
  }
  if (in.assignee_id != 0) {
    auto u = TRY(ex.query_one("SELECT role, disabled FROM users WHERE id = $1", {in.assignee_id}));
    if (!u || u->i64(1) != 0 || u->text(0) == "customer") {
      invalid.with_field("assignee_id", "not_allowed", "not an active agent");
    } else if (in.group_id != 0) {
      auto member =
          TRY(ex.query_one("SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2",
                           {in.group_id, in.assignee_id}));
      if (!member) invalid.with_field("assignee_id", "not_allowed", "not a member of the group");
    }
  }
  return {};
}

}  // namespace

Result<Ticket> create_ticket(store::Executor& ex, const Actor& actor, Instant now,
                             const NewTicket& input) {
  const auto& p = actor.principal;
  const auto scope = access::scope_for(p, input.permission);
  if (!scope) return Error(ErrorCode::permission_denied, "you may not create tickets");
  auto kind_result = kind_info(input.kind);
  if (!kind_result.ok()) {
    return Error(ErrorCode::validation_failed, "unknown kind")
        .with_field("kind", "not_allowed", "incident or request");
  }
  const KindInfo* kind = *kind_result;
  if (!kind->api.empty() && input.permission == "ticket.create") {
    return Error(ErrorCode::validation_failed, "this kind has its own API")
        .with_field("kind", "not_allowed", "create it with " + kind->api);
  }
  NewTicket in = input;
  const bool agent_like = *scope == access::Scope::all;
  Error invalid(ErrorCode::validation_failed, "the ticket is not valid");
  if (!agent_like) {
    // Customers raise tickets for their own organisation, as themselves, without internals.
    if (in.organisation_id != 0 && in.organisation_id != p.organisation_id) {
      invalid.with_field("organisation_id", "not_allowed",
                         "you may raise tickets for your organisation only");
    }
    in.organisation_id = p.organisation_id;
    if (in.requester_id != 0 && in.requester_id != p.user_id) {
      invalid.with_field("requester_id", "not_allowed", "you raise tickets as yourself");
    }
    in.requester_id = p.user_id;
    if (in.priority || in.group_id || in.assignee_id || in.major) {
      invalid.with_field("priority", "not_allowed", "set by the service desk");
    }
  } else if (in.organisation_id == 0) {
    invalid.with_field("organisation_id", "required", "the customer organisation");
  }
  if (in.channel.empty()) in.channel = default_channel(actor, !agent_like);
  if (!valid_channel(in.channel)) {
    invalid.with_field("channel", "not_allowed", "phone, email, portal, walk_in, letter or api");
  }
  const ticket::PriorityMatrix matrix = TRY(load_priority_matrix(ex));
  const int impact = in.impact.value_or(3), urgency = in.urgency.value_or(3);
  auto computed = ticket::priority_of(matrix, impact, urgency);
  if (!computed.ok()) {
    for (const auto& f : computed.error().fields)
      invalid.fields.push_back(f);
  }
  if (in.priority && (*in.priority < 1 || *in.priority > 4)) {
    invalid.with_field("priority", "out_of_range", "1 to 4");
  }
  if (in.description_format != "text" && in.description_format != "html") {
    invalid.with_field("description_format", "not_allowed", "text or html");
  }
  TRY_VOID(check_references(ex, in, invalid));
  if (!invalid.fields.empty()) return invalid;
  // Rich text is stored sanitised; the original is kept beside it.
  const bool html = in.description_format == "html";
  const std::string description = html ? richtext::sanitize_html(in.description) : in.description;

  const int priority = in.priority.value_or(*computed);
  const bool overridden = in.priority.has_value() && *in.priority != *computed;
  const auto& lifecycle = kind->lifecycle;
  const ticket::StateDef* initial = lifecycle.state(lifecycle.initial);
  const int year = ticket::numbering_year(now);
  const std::int64_t seq = TRY(next_sequence(ex, lifecycle.kind, year));
  const std::string number = ticket::format_number(lifecycle.prefix, year, seq);
  const std::string ts = format_rfc3339(now);
  auto optional_id = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  auto rows = TRY(ex.query(
      "INSERT INTO tickets (kind, number, title, description, requester_id, organisation_id, "
      "site_id, service, impact, urgency, priority, priority_overridden, state, state_category, "
      "group_id, assignee_id, channel, major, created_by, created_at, updated_at) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20) "
      "RETURNING id",
      {lifecycle.kind,
       number,
       in.title,
       description,
       optional_id(in.requester_id),
       optional_id(in.organisation_id),
       optional_id(in.site_id),
       in.service,
       std::int64_t{impact},
       std::int64_t{urgency},
       std::int64_t{priority},
       std::int64_t{overridden ? 1 : 0},
       initial->name,
       std::string(ticket::category_name(initial->category)),
       optional_id(in.group_id),
       optional_id(in.assignee_id),
       in.channel,
       std::int64_t{in.major ? 1 : 0},
       optional_id(p.user_id),
       ts}));
  const std::int64_t id = rows.at(0).i64(0);
  if (html) {
    TRY_VOID(ex.exec(
        "UPDATE tickets SET description_format = 'html', description_original = $2 WHERE id = $1",
        {id, in.description}));
  }
  TRY_VOID(record_ticket_event(ex, id, now, "created",
                               "{\"priority\":" + std::to_string(priority) + "}"));
  std::vector<FieldChange> changes = {
      {"number", std::nullopt, number},
      {"title", std::nullopt, in.title},
      {"state", std::nullopt, initial->name},
      {"priority", std::nullopt, std::to_string(priority)},
      {"organisation_id", std::nullopt, std::to_string(in.organisation_id)}};
  if (overridden) changes.push_back({"priority_overridden", std::nullopt, "true"});
  TRY_VOID(write_audit(ex, actor, now, "ticket", id, "create", changes));
  TRY_VOID(emit_event(ex, actor, now, "ticket.created", "ticket", id,
                      "{\"number\":\"" + number + "\",\"kind\":\"" + lifecycle.kind + "\"}"));
  if (in.major) TRY_VOID(announce_major_incident(ex, actor, now, id));
  if (!in.sla_policy_json.empty()) {
    TRY_VOID(ex.exec("INSERT INTO ticket_sla_policies (ticket_id, policy) VALUES ($1, $2)",
                     {id, in.sla_policy_json}));
  }
  TRY_VOID(refresh_ticket_sla(ex, id, now));
  TRY_VOID(index_ticket(ex, id));
  auto t = TRY(find_ticket(ex, id));
  return *t;
}

}  // namespace fuwu::app
