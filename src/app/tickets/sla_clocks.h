// SLA clocks on tickets. A ticket's clocks are a pure function of its event log (ticket_events),
// the SLA policies and the calendars (src/domain/sla/clock.h); this file feeds the engine and acts
// on its answer inside the ticket's write unit:
//   - tickets.sla_due_at caches the earliest deadline of a running clock (queues sort by it);
//   - every future threshold (warnings, escalations, the breach) gets a durable job at its exact
//     instant, keyed so that recomputing never schedules the same instant twice;
//   - the job recomputes the clocks as of its instant and announces the threshold (outbox event
//     sla.warning / sla.escalation / sla.breach) only if it still stands, exactly once
//     (sla_notifications); an escalation also carries out its action (reassign to a group,
//     raise the priority by one level; notify only announces).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/platform/context.h"
#include "app/platform/job_queue.h"
#include "domain/calendar/calendar.h"
#include "domain/sla/clock.h"
#include "domain/ticket/lifecycle.h"

namespace fuwu::app {

inline constexpr std::string_view kSlaThresholdJob = "sla.threshold";

struct TicketClocks {
  std::vector<sla::Clock> clocks;
  calendar::CalendarBook calendars;  // for formatting instants in each clock's zone
};

// The clocks of a ticket as of `now`, with explanations. The caller has checked access.
Result<TicketClocks> compute_ticket_clocks(store::Executor& ex, std::int64_t ticket_id, Instant now,
                                           sla::Explain explain = sla::Explain::full);

// The engine's view of one ticket_events row (type and JSON data), or nullopt for an event the
// engine ignores. Shared by the clocks of stored tickets and by the seeder, which computes the
// clocks of the tickets it generates in memory.
std::optional<sla::Event> sla_event(const ticket::Lifecycle& lifecycle, Instant at,
                                    std::string_view type, const std::string& data);
// What policies are selected by; the priority is the one the ticket was created with.
sla::RecordFacts sla_facts(std::string_view kind, std::int64_t organisation_id,
                           std::string_view service, int created_priority);
// The earliest deadline of a running clock (what tickets.sla_due_at caches).
std::optional<Instant> earliest_due(const std::vector<sla::Clock>& clocks);
// Threshold jobs form a chain: one durable job for the earliest threshold of the running clocks
// that lies after `after` (by default `now`: past ones have fired); when it fires, it queues the
// next one after its own instant. One job per ticket instead of one per threshold keeps a write
// cheap; a change of the clocks queues the new earliest (a job whose threshold no longer stands
// announces nothing and carries the chain on).
Status schedule_sla_thresholds(store::Executor& ex, std::int64_t ticket_id,
                               const std::vector<sla::Clock>& clocks, Instant now,
                               std::optional<Instant> after = std::nullopt);

// Recomputes, caches sla_due_at and schedules the future thresholds. Call at the end of every
// write that adds a ticket event.
Status refresh_ticket_sla(store::Executor& ex, std::int64_t ticket_id, Instant now);

// The job handler for kSlaThresholdJob (idempotent; runs its own write unit).
Status run_sla_threshold_job(Services& services, const Job& job);

// The job handler for kCalendarEditedJob: every open ticket gets a calendar_edited event (its
// clocks' explanations say so) and its clocks recomputed and rescheduled, in batches.
Status run_calendar_edited_job(Services& services, const Job& job);

}  // namespace fuwu::app
