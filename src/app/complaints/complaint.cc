#include "app/complaints/complaint.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "organisation_id, COALESCE(contact_id, 0), contact_name, contact_phone, channel, about, "
    "severity, COALESCE(work_order_id, 0), COALESCE(related_ticket_id, 0), "
    "COALESCE(engineer_id, 0), COALESCE(product_model_id, 0), COALESCE(follow_up_id, 0), "
    "is_complaint, COALESCE(routed_to_id, 0), COALESCE(head_id, 0), cause, attributable, "
    "human_factor, COALESCE(responsible_id, 0), disciplinary_note, support_request, remedy, "
    "remedy_rounds, customer_agreed_at, solution, carried_out_at, customer_informed_at, "
    "improvement_action, calendar, received_at, due_at, closed_at, inform_due_at, "
    "remedy_proposed_at, remedy_due_at";

std::optional<bool> opt_bool(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.i64(i) != 0;
}

std::optional<Instant> opt_instant(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return parse_rfc3339(r.text(i));
}

}  // namespace

Result<std::optional<Complaint>> find_complaint(store::Executor& ex, std::int64_t ticket_id) {
  auto t = TRY(find_ticket(ex, ticket_id));
  if (!t || t->kind != "complaint") return std::optional<Complaint>();
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kColumns + " FROM complaints WHERE ticket_id = $1", {ticket_id}));
  if (!row) return std::optional<Complaint>();
  const auto& r = *row;
  Complaint c;
  c.ticket = std::move(*t);
  c.organisation_id = r.i64(0);
  c.contact_id = r.i64(1);
  c.contact_name = r.text(2);
  c.contact_phone = r.text(3);
  c.channel = r.text(4);
  c.about = r.text(5);
  c.severity = r.text(6);
  c.work_order_id = r.i64(7);
  c.related_ticket_id = r.i64(8);
  c.engineer_id = r.i64(9);
  c.product_model_id = r.i64(10);
  c.follow_up_id = r.i64(11);
  c.is_complaint = opt_bool(r, 12);
  c.routed_to_id = r.i64(13);
  c.head_id = r.i64(14);
  c.cause = r.text(15);
  c.attributable = opt_bool(r, 16);
  c.human_factor = opt_bool(r, 17);
  c.responsible_id = r.i64(18);
  c.disciplinary_note = r.text(19);
  c.support_request = r.text(20);
  c.remedy = r.text(21);
  c.remedy_rounds = r.i64(22);
  c.customer_agreed_at = opt_instant(r, 23);
  c.solution = r.text(24);
  c.carried_out_at = opt_instant(r, 25);
  c.customer_informed_at = opt_instant(r, 26);
  c.improvement_action = r.text(27);
  c.calendar = r.text(28);
  c.received_at = parse_rfc3339(r.text(29)).value_or(Instant{});
  c.due_at = parse_rfc3339(r.text(30)).value_or(Instant{});
  c.closed_at = opt_instant(r, 31);
  c.inform_due_at = opt_instant(r, 32);
  c.remedy_proposed_at = opt_instant(r, 33);
  c.remedy_due_at = opt_instant(r, 34);
  return std::optional<Complaint>(std::move(c));
}

access::RecordOwnership complaint_ownership(const Complaint& c) {
  return {.organisation_id = c.organisation_id,
          .owner_user_id = c.ticket.requester_id,
          .group_id = c.ticket.group_id};
}

std::vector<const ticket::TransitionDef*> complaint_transitions(const Actor& actor,
                                                                const Complaint& c) {
  auto kind = kind_info("complaint");
  if (!kind.ok()) return {};
  const auto owner = complaint_ownership(c);
  ticket::TransitionContext ctx;
  ctx.may = [&](std::string_view permission) {
    return access::may(actor.principal, permission, owner);
  };
  ctx.has_value = [](std::string_view) { return true; };
  return ticket::allowed_transitions((*kind)->lifecycle, c.ticket.state, ctx);
}

Result<std::string> crm_calendar(store::Executor& ex) {
  auto row = TRY(ex.query_one("SELECT calendar FROM crm_settings WHERE id = 1"));
  return row ? row->text(0) : std::string("china-mainland");
}

}  // namespace fuwu::app
