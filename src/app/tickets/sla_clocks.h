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

#include <vector>

#include "app/platform/context.h"
#include "app/platform/job_queue.h"
#include "domain/calendar/calendar.h"
#include "domain/sla/clock.h"

namespace fuwu::app {

inline constexpr std::string_view kSlaThresholdJob = "sla.threshold";

struct TicketClocks {
  std::vector<sla::Clock> clocks;
  calendar::CalendarBook calendars;  // for formatting instants in each clock's zone
};

// The clocks of a ticket as of `now`, with explanations. The caller has checked access.
Result<TicketClocks> compute_ticket_clocks(store::Executor& ex, std::int64_t ticket_id, Instant now,
                                           sla::Explain explain = sla::Explain::full);

// Recomputes, caches sla_due_at and schedules the future thresholds. Call at the end of every
// write that adds a ticket event.
Status refresh_ticket_sla(store::Executor& ex, std::int64_t ticket_id, Instant now);

// The job handler for kSlaThresholdJob (idempotent; runs its own write unit).
Status run_sla_threshold_job(Services& services, const Job& job);

// The job handler for kCalendarEditedJob: every open ticket gets a calendar_edited event (its
// clocks' explanations say so) and its clocks recomputed and rescheduled, in batches.
Status run_calendar_edited_job(Services& services, const Job& job);

}  // namespace fuwu::app
