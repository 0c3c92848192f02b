// GET /api/v1/stats/tickets: the dashboard's figures over the tickets the caller may read
// (app/stats).
#include <cstdlib>

#include "app/stats/ticket_stats.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

// A whole-number query parameter; the use case checks the range. `fallback` when absent.
Result<int> int_query(const ApiContext& ctx, const char* name, int fallback) {
  const auto v = ctx.query(name);
  if (!v) return fallback;
  char* end = nullptr;
  const long n = std::strtol(v->c_str(), &end, 10);
  if (v->empty() || v->size() > 6 || *end != '\0') {
    return Error(ErrorCode::invalid_request, std::string(name) + " must be a whole number")
        .with_field(name, "invalid_format", "a whole number");
  }
  return static_cast<int>(n);
}

Status ticket_stats(ApiContext& ctx) {
  app::TicketStatsRequest req;
  req.days = TRY(int_query(ctx, "days", req.days));
  req.risk_hours = TRY(int_query(ctx, "risk_hours", req.risk_hours));
  app::TicketStats st;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    st = TRY(app::ticket_stats(ex, ctx.actor(), ctx.now(), req));
    return {};
  }));
  boost::json::array by_state, by_group, hourly;
  for (const auto& s : st.open_by_state) {
    by_state.push_back(
        {{"state", s.state}, {"state_category", s.state_category}, {"count", s.count}});
  }
  for (const auto& g : st.open_by_group) {
    by_group.push_back(
        {{"group_id", g.group_id ? boost::json::value(g.group_id) : nullptr}, {"count", g.count}});
  }
  for (const auto& h : st.hourly) {
    hourly.push_back(
        {{"hour", instant_json(h.hour)}, {"created", h.created}, {"resolved", h.resolved}});
  }
  boost::json::array sla_tickets;
  for (const auto& x : st.sla_tickets) {
    sla_tickets.push_back({{"id", x.id},
                           {"number", x.number},
                           {"title", x.title},
                           {"sla_due_at", instant_json(x.sla_due_at)},
                           {"breached", x.breached}});
  }
  respond(ctx, 200,
          boost::json::object{{"open", st.open},
                              {"breached", st.breached},
                              {"at_risk", st.at_risk},
                              {"risk_hours", req.risk_hours},
                              {"open_by_state", std::move(by_state)},
                              {"open_by_group", std::move(by_group)},
                              {"since", instant_json(st.since)},
                              {"hourly", std::move(hourly)},
                              {"sla_tickets", std::move(sla_tickets)}});
  return {};
}

}  // namespace

void add_stats_routes(Router& router) {
  router.add({"GET", "/api/v1/stats/tickets", "getTicketStats", Access::permission, "ticket.read",
              BodyKind::none, ticket_stats});
}

}  // namespace fuwu::http
