// Which tickets a principal may read, as one SQL condition: the single definition of the
// "ticket.read" scope rules for queries (lists, search, saved views), mirroring access::reaches
// with ownership() for one record:
//   all           every ticket
//   organisation  the principal's organisation's tickets, and those it requested
//   group         the tickets of its groups, and those it requested
//   own           the tickets it requested
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct TicketScope {
  access::Scope scope = access::Scope::own;
  // "" for Scope::all; else a parenthesised condition on the columns of `alias`.
  std::string condition;
};

// The read scope of `p` over tickets aliased `alias` ("t", or "" for the bare table), with its
// parameters appended to `params` (numbered from params.size() + 1). permission_denied without
// "ticket.read".
Result<TicketScope> ticket_read_scope(const access::Principal& p, std::string_view alias,
                                      std::vector<store::Value>& params);

}  // namespace fuwu::app
