// Figures for the dashboard over the tickets the caller may read (the "ticket.read" scope, as
// list_tickets): open tickets by state and by group, SLA deadlines passed and near, and tickets
// created and resolved per hour over the last days. Each figure is one indexed aggregate query.
#pragma once

#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct TicketStatsRequest {
  int days = 14;       // created/resolved per hour over this many days (1..92)
  int risk_hours = 4;  // "at risk": open with an SLA deadline within this many hours (1..168)
};

struct StateCount {
  std::string state;
  std::string state_category;
  std::int64_t count = 0;
};

struct GroupCount {
  std::int64_t group_id = 0;  // 0: not assigned to a group
  std::int64_t count = 0;
};

struct HourCount {
  Instant hour;  // the start of the hour (UTC)
  std::int64_t created = 0;
  std::int64_t resolved = 0;
};

struct SlaTicket {
  std::int64_t id = 0;
  std::string number;
  std::string title;
  Instant sla_due_at;
  bool breached = false;
};

struct TicketStats {
  std::int64_t open = 0;                  // state category new, open or pending
  std::int64_t breached = 0;              // open, SLA deadline passed
  std::int64_t at_risk = 0;               // open, SLA deadline within risk_hours from now
  std::vector<StateCount> open_by_state;  // most first
  std::vector<GroupCount> open_by_group;  // most first
  std::vector<HourCount> hourly;          // hours with any, oldest first
  Instant since;                          // the first hour counted
  std::vector<SlaTicket> sla_tickets;     // breached or at risk, soonest due first (at most 50)
};

// invalid_request for days or risk_hours out of range; permission_denied without "ticket.read".
Result<TicketStats> ticket_stats(store::Executor& ex, const Actor& actor, Instant now,
                                 const TicketStatsRequest& request);

}  // namespace fuwu::app
