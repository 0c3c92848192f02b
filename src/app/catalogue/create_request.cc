#include "app/catalogue/catalogue.h"
#include "app/platform/audit.h"
#include "app/tickets/sla_clocks.h"

namespace fuwu::app {
namespace {

// Form errors are reported under "/form".
Error under_form(Error e) {
  for (auto& f : e.fields)
    f.field = "/form" + f.field;
  return e;
}

Status check_references(store::Executor& ex, const catalogue::ValidatedForm& form, Error& e) {
  for (const auto& ref : form.references) {
    const bool user = ref.type == catalogue::FieldType::user;
    auto row = TRY(ex.query_one(
        user ? "SELECT 1 FROM users WHERE id = $1" : "SELECT 1 FROM organisations WHERE id = $1",
        {ref.id}));
    if (!row) {
      e.with_field("/form/" + ref.field, "not_found",
                   user ? "no such person" : "no such organisation");
    }
  }
  return {};
}

}  // namespace

Result<Ticket> create_request(store::Executor& ex, const Actor& actor, Instant now,
                              const NewRequest& in) {
  const auto& p = actor.principal;
  if (!access::can(p, "ticket.create")) {
    return Error(ErrorCode::permission_denied, "you may not create tickets");
  }
  auto item = TRY(find_item(ex, in.item_id));
  const bool on_behalf = access::scope_for(p, "catalogue.read") == access::Scope::all;
  if (!item || !(may_request(actor, *item) || (on_behalf && item->active))) {
    return Error(ErrorCode::validation_failed, "no such request item")
        .with_field("/catalogue_item_id", "not_found", "no request item you may request");
  }
  if (in.ticket.kind != "request") {
    return Error(ErrorCode::validation_failed, "catalogue items raise service requests")
        .with_field("/kind", "not_allowed", "request");
  }
  const auto data = TRY(parse_form_data(in.form_json, "/form"));
  auto validated = catalogue::validate_form(item->form, data);
  if (!validated.ok()) return under_form(std::move(validated).error());
  Error e(ErrorCode::validation_failed, "the request is not valid");
  TRY_VOID(check_references(ex, *validated, e));

  NewTicket t = in.ticket;
  if (t.title.empty()) t.title = item->name_zh;
  if (!t.impact) t.impact = item->impact;
  if (!t.urgency) t.urgency = item->urgency;
  if (t.service.empty()) t.service = item->service_code;
  // The approvers follow the requester: the caller for customers, the named person otherwise.
  const bool agent_like = access::scope_for(p, "ticket.create") == access::Scope::all;
  const std::int64_t requester = agent_like ? t.requester_id : p.user_id;
  const auto approvers = TRY(resolve_approvers(ex, *item, requester, e));
  if (!e.fields.empty()) return e;

  const Ticket ticket = TRY(create_ticket(ex, actor, now, t));
  std::vector<FieldChange> changes = {
      {"catalogue_item_id", std::nullopt, std::to_string(item->id)},
      {"form_version", std::nullopt, std::to_string(item->form_version)}};
  if (ticket.group_id == 0 && item->default_group_id != 0) {
    TRY_VOID(ex.exec("UPDATE tickets SET group_id = $2 WHERE id = $1",
                     {ticket.id, item->default_group_id}));
    changes.push_back({"group_id", std::nullopt, std::to_string(item->default_group_id)});
    TRY_VOID(refresh_ticket_sla(ex, ticket.id, now));
  }
  const std::string form = form_data_json(validated->values);
  changes.push_back({"form", std::nullopt, form});
  TRY_VOID(ex.exec(
      "INSERT INTO ticket_forms (ticket_id, item_id, form_version, form_data, created_at) VALUES "
      "($1, $2, $3, $4, $5)",
      {ticket.id, item->id, std::int64_t{item->form_version}, form, format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "ticket", ticket.id, "catalogue_request", changes));
  if (!item->approvals.empty()) {
    TRY_VOID(start_approvals(ex, actor, now, ticket, *item, approvers));
  }
  auto reloaded = TRY(find_ticket(ex, ticket.id));
  return *reloaded;
}

}  // namespace fuwu::app
