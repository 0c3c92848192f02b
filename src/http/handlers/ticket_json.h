// The one rendering of a ticket (ticket_handlers.cc), shared by the handler files that answer
// with a ticket: the record as JSON with its ETag (and Location for 201).
#pragma once

#include "app/tickets/ticket.h"
#include "http/api.h"

namespace boost::json {
class object;
}  // namespace boost::json

namespace fuwu::http {

void respond_ticket_record(ApiContext& ctx, int status, const app::Ticket& t);
// The record as JSON (lists of tickets: views). Include http/handlers/common.h first (it brings
// Boost.JSON).
boost::json::object ticket_json(const app::Ticket& t);

}  // namespace fuwu::http
