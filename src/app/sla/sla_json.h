// JSON in and out for SLA policies, event logs and clocks (used by `fuwu sla simulate`, later by
// POST /api/v1/sla/simulate).
//
// Policies: one policy object or {"policies": [ … ]} in selection order:
//   {"id": "gold", "name": "Gold", "match": {"priority": "P1", "customer": "acme"},
//    "pause_states": ["waiting_customer"],
//    "targets": [{"kind": "first_response", "calendar": "china-mainland", "working_hours": 2,
//                 "warnings": [75, 90],
//                 "escalations": [{"at_percent": 100, "action": "reassign", "group": "line-2"}]},
//                {"kind": "resolution", "calendar": "china-mainland", "working_days": 5}]}
// A target's duration is one of working_hours, working_minutes, working_seconds, working_days.
// Events:
//   {"record": {"contract": …, "customer": …, "service": …, "type": "incident", "priority": "P2"},
//    "now": "2026-10-09T10:00:00+08:00",
//    "events": [{"at": "…", "kind": "created", "value": "new"}, …]}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/calendar/calendar.h"
#include "domain/sla/clock.h"
#include "domain/sla/policy.h"

namespace fuwu::sla {

// invalid_request for malformed JSON, validation_failed (with field paths) for bad values.
Result<PolicyBook> parse_policies_json(std::string_view text);

struct EventLog {
  RecordFacts facts;
  std::vector<Event> events;
  std::optional<Instant> now;
};
Result<EventLog> parse_events_json(std::string_view text);

// {"policy": …, "clocks": [{"kind", "state", "policy", "calendar", "target_seconds", "started_at",
//  "deadline", "elapsed_seconds", "remaining_seconds", "stopped_at", "breach_at",
//  "thresholds": […], "explanation": […]}]}; instants in each clock's calendar zone.
std::string clocks_json(const std::vector<Clock>& clocks, const calendar::CalendarBook& calendars);

}  // namespace fuwu::sla
