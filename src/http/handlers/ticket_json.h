// The one rendering of a ticket (ticket_handlers.cc), shared by the handler files that answer
// with a ticket: the record as JSON with its ETag (and Location for 201), and the JSON itself for
// the handlers of record kinds built on tickets (work orders). Included only by handler .cc files
// (it pulls in Boost.JSON through common.h).
#pragma once

#include <optional>

#include "app/tickets/ticket.h"
#include "http/api.h"
#include "http/handlers/common.h"

namespace boost::json {
class object;
}  // namespace boost::json

namespace fuwu::http {

void respond_ticket_record(ApiContext& ctx, int status, const app::Ticket& t);
// The record as JSON (lists of tickets: views). Include http/handlers/common.h first (it brings
// Boost.JSON).
boost::json::value opt_id(std::int64_t v);
boost::json::value opt_time(const std::optional<Instant>& t);
boost::json::object ticket_json(const app::Ticket& t);

}  // namespace fuwu::http
