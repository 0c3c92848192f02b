#include "app/tickets/ticket_scope.h"

#include "app/tickets/ticket.h"

namespace fuwu::app {

Result<TicketScope> ticket_read_scope(const access::Principal& p, std::string_view alias,
                                      std::vector<store::Value>& params) {
  const auto scope = access::scope_for(p, "ticket.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read tickets");
  const std::string col = alias.empty() ? std::string() : std::string(alias) + ".";
  auto add = [&](store::Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  // The organisation and own scopes are the customer's side: staff-only kinds stay hidden.
  const std::string customer_side =
      " AND " + col + "kind NOT IN (" + std::string(kStaffOnlyKinds) + ")";
  TicketScope out{*scope, {}};
  switch (*scope) {
    case access::Scope::all:
      break;
    case access::Scope::organisation: {
      // An organisation of 0 (none) matches no ticket: organisation_id is NULL or a real id.
      const std::string org = add(p.organisation_id);
      out.condition = "(" + col + "organisation_id = " + org + " OR " + col +
                      "requester_id = " + add(p.user_id) + ")" + customer_side;
      break;
    }
    case access::Scope::group: {
      std::string groups = "0";
      for (auto g : p.group_ids)
        groups += "," + std::to_string(g);
      out.condition = "(" + col + "group_id IN (" + groups + ") OR " + col +
                      "requester_id = " + add(p.user_id) + ")";
      break;
    }
    case access::Scope::own:
      out.condition = "(" + col + "requester_id = " + add(p.user_id) + ")" + customer_side;
      break;
  }
  return out;
}

}  // namespace fuwu::app
