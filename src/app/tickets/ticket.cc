#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, kind, number, title, description, COALESCE(requester_id, 0), "
    "COALESCE(organisation_id, 0), COALESCE(site_id, 0), service, impact, urgency, priority, "
    "priority_overridden, state, state_category, COALESCE(group_id, 0), COALESCE(assignee_id, 0), "
    "channel, resolution, resolution_code, major, sla_due_at, version, created_at, updated_at, "
    "resolved_at, closed_at, COALESCE(merged_into_id, 0), description_format";

std::optional<Instant> opt_instant(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return parse_rfc3339(r.text(i));
}

}  // namespace

std::string ticket_select() {
  return std::string("SELECT ") + kColumns + " FROM tickets";
}

std::string ticket_filter_sql(const TicketFilter& f, std::string_view alias,
                              std::vector<store::Value>& params) {
  std::string sql;
  const std::string col = alias.empty() ? std::string() : std::string(alias) + ".";
  auto add = [&](const char* column, store::Value v) {
    params.push_back(std::move(v));
    sql += " AND " + col + column + " = $" + std::to_string(params.size());
  };
  if (f.kind) {
    add("kind", *f.kind);
  } else {
    // The service desk's lists and views leave out the staff's own tasks unless asked by kind.
    sql += " AND " + col + "kind NOT IN (" + std::string(kStaffOnlyKinds) + ")";
  }
  if (f.priority) add("priority", std::int64_t{*f.priority});
  if (f.state) add("state", *f.state);
  if (f.state_category) add("state_category", *f.state_category);
  if (f.group_id) add("group_id", *f.group_id);
  if (f.assignee_id) add("assignee_id", *f.assignee_id);
  if (f.organisation_id) add("organisation_id", *f.organisation_id);
  if (f.requester_id) add("requester_id", *f.requester_id);
  if (f.number) add("number", *f.number);
  auto bound = [&](const char* column, const char* op, const std::optional<std::string>& v) {
    if (!v) return;
    params.push_back(*v);
    sql += " AND " + col + column + " " + op + " $" + std::to_string(params.size());
  };
  bound("created_at", ">=", f.created_from);
  bound("created_at", "<", f.created_to);
  bound("resolved_at", ">=", f.resolved_from);
  bound("resolved_at", "<", f.resolved_to);
  return sql;
}

Ticket ticket_from_row(const store::Row& r) {
  Ticket t;
  t.id = r.i64(0);
  t.kind = r.text(1);
  t.number = r.text(2);
  t.title = r.text(3);
  t.description = r.text(4);
  t.requester_id = r.i64(5);
  t.organisation_id = r.i64(6);
  t.site_id = r.i64(7);
  t.service = r.text(8);
  t.impact = static_cast<int>(r.i64(9));
  t.urgency = static_cast<int>(r.i64(10));
  t.priority = static_cast<int>(r.i64(11));
  t.priority_overridden = r.i64(12) != 0;
  t.state = r.text(13);
  t.state_category = r.text(14);
  t.group_id = r.i64(15);
  t.assignee_id = r.i64(16);
  t.channel = r.text(17);
  t.resolution = r.text(18);
  t.resolution_code = r.text(19);
  t.major = r.i64(20) != 0;
  t.sla_due_at = opt_instant(r, 21);
  t.version = r.i64(22);
  t.created_at = parse_rfc3339(r.text(23)).value_or(Instant{});
  t.updated_at = parse_rfc3339(r.text(24)).value_or(Instant{});
  t.resolved_at = opt_instant(r, 25);
  t.closed_at = opt_instant(r, 26);
  t.merged_into_id = r.i64(27);
  t.description_format = r.text(28);
  return t;
}

Result<std::optional<Ticket>> find_ticket(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(ticket_select() + " WHERE id = $1", {id}));
  if (!row) return std::optional<Ticket>();
  return std::optional<Ticket>(ticket_from_row(*row));
}

bool staff_only_kind(std::string_view kind) {
  return !kind.empty() && kStaffOnlyKinds.find("'" + std::string(kind) + "'") != std::string::npos;
}

bool internal_event(std::string_view type) {
  return type == "ticket.note_added" || type == "ticket.internal_attachment_added" ||
         type == "ticket.internal_attachment_deleted";
}

access::RecordOwnership ownership(const Ticket& t) {
  if (staff_only_kind(t.kind)) return {.group_id = t.group_id};
  return {.organisation_id = t.organisation_id,
          .owner_user_id = t.requester_id,
          .group_id = t.group_id};
}

Result<Ticket> visible_ticket(store::Executor& ex, const Actor& actor, std::int64_t id) {
  auto t = TRY(find_ticket(ex, id));
  if (!t || !access::may(actor.principal, "ticket.read", ownership(*t))) {
    return Error(ErrorCode::not_found, "no such ticket");
  }
  return *t;
}

Status record_ticket_event(store::Executor& ex, std::int64_t ticket_id, Instant at,
                           std::string_view type, std::string_view data) {
  TRY_VOID(
      ex.exec("INSERT INTO ticket_events (ticket_id, at, event_type, data) VALUES ($1, $2, $3, $4)",
              {ticket_id, format_rfc3339(at), std::string(type), std::string(data)}));
  return {};
}

Status add_system_entry(store::Executor& ex, const Actor& actor, Instant now,
                        std::int64_t ticket_id, std::string_view body) {
  const auto& p = actor.principal;
  TRY_VOID(ex.exec(
      "INSERT INTO journal_entries (ticket_id, visibility, entry_kind, author_id, author_login, "
      "body, created_at) VALUES ($1, 'public', 'system', $2, $3, $4, $5)",
      {ticket_id, p.user_id ? store::Value(p.user_id) : store::Value(store::Null{}), p.login,
       std::string(body), format_rfc3339(now)}));
  return {};
}

}  // namespace fuwu::app
