#include "app/complaints/complaint.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/sla_clocks.h"
#include "domain/crm/complaint.h"

namespace fuwu::app {
namespace {

// The ticket's channel for the complaint's.
std::string ticket_channel(std::string_view c) {
  if (c == "call") return "phone";
  if (c == "visit") return "walk_in";
  return std::string(c);  // letter, portal, email
}

// A referenced record must exist and belong to the complaint's customer.
Status check_links(store::Executor& ex, const NewComplaint& in, std::int64_t organisation_id,
                   Error& invalid) {
  if (in.contact_id) {
    auto row =
        TRY(ex.query_one("SELECT 1 FROM users WHERE id = $1 AND COALESCE(organisation_id, 0) = $2",
                         {in.contact_id, organisation_id}));
    if (!row) invalid.with_field("contact_id", "not_found", "a person of the customer");
  }
  auto ticket_of = [&](std::int64_t id, const char* field, bool work_order) -> Status {
    if (!id) return {};
    auto row = TRY(
        ex.query_one("SELECT kind FROM tickets WHERE id = $1 AND COALESCE(organisation_id, 0) = $2",
                     {id, organisation_id}));
    if (!row || (work_order && row->text(0) != "work_order") ||
        (!work_order && row->text(0) == "complaint")) {
      invalid.with_field(field, "not_found",
                         work_order ? "a work order of the customer" : "a ticket of the customer");
    }
    return {};
  };
  TRY_VOID(ticket_of(in.work_order_id, "work_order_id", true));
  TRY_VOID(ticket_of(in.related_ticket_id, "related_ticket_id", false));
  if (in.engineer_id) {
    auto row = TRY(ex.query_one("SELECT 1 FROM users WHERE id = $1", {in.engineer_id}));
    if (!row) invalid.with_field("engineer_id", "not_found", "no such person");
  }
  if (in.product_model_id) {
    auto row =
        TRY(ex.query_one("SELECT 1 FROM product_models WHERE id = $1", {in.product_model_id}));
    if (!row) invalid.with_field("product_model_id", "not_found", "no such product model");
  }
  return {};
}

}  // namespace

Result<Complaint> create_complaint(store::Executor& ex, const Actor& actor, Instant now,
                                   const NewComplaint& input) {
  const auto& p = actor.principal;
  const auto scope = access::scope_for(p, "complaint.create");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not record complaints");
  NewComplaint in = input;
  const bool desk = *scope == access::Scope::all;
  Error invalid(ErrorCode::validation_failed, "the complaint is not valid");
  if (!desk) {
    // A customer complains for its own organisation, as itself, through the portal.
    if (in.organisation_id != 0 && in.organisation_id != p.organisation_id) {
      invalid.with_field("organisation_id", "not_allowed", "your own organisation only");
    }
    in.organisation_id = p.organisation_id;
    in.contact_id = p.user_id;
    if (in.channel.empty()) in.channel = "portal";
    if (in.severity != "normal") {
      invalid.with_field("severity", "not_allowed", "set by the service desk");
    }
    if (in.received_at) invalid.with_field("received_at", "not_allowed", "set by the service desk");
  } else if (in.organisation_id == 0) {
    invalid.with_field("organisation_id", "required", "the customer organisation");
  } else {
    auto org = TRY(ex.query_one("SELECT 1 FROM organisations WHERE id = $1", {in.organisation_id}));
    if (!org) invalid.with_field("organisation_id", "not_found", "no such organisation");
  }
  if (in.channel.empty()) in.channel = "call";
  if (!crm::valid_channel(in.channel)) {
    invalid.with_field("channel", "not_allowed", "call, letter, visit, portal or email");
  }
  if (!crm::valid_about(in.about)) {
    invalid.with_field("about", in.about.empty() ? "required" : "not_allowed",
                       "engineer, work_order, product, attitude or fees");
  }
  if (!crm::valid_severity(in.severity)) {
    invalid.with_field("severity", "not_allowed", "normal or major");
  }
  if (in.description.empty()) {
    invalid.with_field("description", "required", "what the customer complains about");
  }
  const Instant received = in.received_at.value_or(now);
  if (received > now) {
    invalid.with_field("received_at", "out_of_range", "not in the future");
  } else if (now.unix_seconds - received.unix_seconds > 366LL * 86400) {
    invalid.with_field("received_at", "out_of_range", "within the last year");
  }
  if (!invalid.fields.empty()) return invalid;
  TRY_VOID(check_links(ex, in, in.organisation_id, invalid));
  if (!invalid.fields.empty()) return invalid;

  const std::string calendar = TRY(crm_calendar(ex));
  NewTicket ticket;
  ticket.kind = "complaint";
  ticket.permission = "complaint.create";
  ticket.title = in.title.empty() ? in.description.substr(0, 120) : in.title;
  ticket.description = in.description;
  ticket.organisation_id = in.organisation_id;
  ticket.requester_id = in.contact_id;
  ticket.channel = ticket_channel(in.channel);
  ticket.sla_policy_json = crm::complaint_sla_policy_json(calendar);
  const Ticket t = TRY(create_ticket(ex, actor, now, ticket));

  // The clock counts from receipt: a letter opened today was received when it arrived.
  if (received < now) {
    TRY_VOID(
        ex.exec("UPDATE ticket_events SET at = $2 WHERE ticket_id = $1 AND event_type = 'created'",
                {t.id, format_rfc3339(received)}));
    TRY_VOID(refresh_ticket_sla(ex, t.id, now));
  }
  const auto clocks = TRY(compute_ticket_clocks(ex, t.id, now, sla::Explain::none));
  std::optional<Instant> due;
  for (const auto& c : clocks.clocks) {
    if (c.kind == sla::TargetKind::resolution) due = c.deadline;
  }
  if (!due) return Error(ErrorCode::internal, "the complaint's deadline could not be computed");

  // Seed 004 §5.1.18 note 3: the solution is told to the customer within 8 working hours.
  const Instant inform_due =
      TRY(schedule_complaint_limit(ex, t.id, "inform", calendar, received, now));
  auto id_or_null = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  TRY_VOID(ex.exec(
      "INSERT INTO complaints (ticket_id, organisation_id, contact_id, contact_name, "
      "contact_phone, channel, about, severity, work_order_id, related_ticket_id, engineer_id, "
      "product_model_id, follow_up_id, calendar, received_at, due_at, inform_due_at) VALUES ($1, "
      "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
      {t.id, in.organisation_id, id_or_null(in.contact_id), in.contact_name, in.contact_phone,
       in.channel, in.about, in.severity, id_or_null(in.work_order_id),
       id_or_null(in.related_ticket_id), id_or_null(in.engineer_id),
       id_or_null(in.product_model_id), id_or_null(in.follow_up_id), calendar,
       format_rfc3339(received), format_rfc3339(*due), format_rfc3339(inform_due)}));
  TRY_VOID(write_audit(ex, actor, now, "ticket", t.id, "complaint",
                       {{"channel", std::nullopt, in.channel},
                        {"about", std::nullopt, in.about},
                        {"severity", std::nullopt, in.severity},
                        {"work_order_id", std::nullopt, id_text(in.work_order_id)},
                        {"related_ticket_id", std::nullopt, id_text(in.related_ticket_id)},
                        {"engineer_id", std::nullopt, id_text(in.engineer_id)},
                        {"received_at", std::nullopt, format_rfc3339(received)},
                        {"due_at", std::nullopt, format_rfc3339(*due)},
                        {"inform_due_at", std::nullopt, format_rfc3339(inform_due)}}));
  const std::string payload = "{\"number\":\"" + t.number + "\",\"severity\":\"" + in.severity +
                              "\",\"about\":\"" + in.about + "\"}";
  TRY_VOID(emit_event(ex, actor, now, "complaint.created", "ticket", t.id, payload));
  // Seed 004 §5.1.14: a major complaint goes straight to the quality department and the
  // management representative.
  if (in.severity == "major") {
    TRY_VOID(emit_event(ex, actor, now, "complaint.major", "ticket", t.id, payload));
  }
  auto c = TRY(find_complaint(ex, t.id));
  return *c;
}

}  // namespace fuwu::app
