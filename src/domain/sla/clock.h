// SLA clocks: a pure function of a record's event log, its policies, the calendars and `now`.
//
//   auto clocks = TRY(sla::compute_clocks(facts, events, policies, calendars, now));
//
// Call it on every write of a record (inside the write's transaction) and store the result as a
// cache; it can always be recomputed from scratch. For each clock, schedule a durable job at each
// future Threshold::at (warnings, escalations, the breach at 100 %); next_due() gives the earliest.
// Jobs must be keyed by (record, clock kind, percent, instant) so that a recomputation that
// yields the same instant does not fire twice.
//
// Semantics (docs/calendars-and-sla.md has worked examples):
// - Clocks start when the record is created, one per target of the policy then in force: the
//   policy named by the last policy_changed event, else the first policy whose rules match the
//   record's facts (priority follows priority_changed events).
// - A clock counts working time on its target's calendar while the record's state is not one of
//   the policy's pause states. first_response stops at the first public reply, onsite at arrival
//   on site, every clock at resolution; reopening resumes resolution (and restarts
//   update_interval). update_interval restarts at every public reply.
// - When priority or policy changes, the working time already counted is kept and the new target
//   (and calendar) applies from then on: a clock is never reset and never loses paused time. A
//   target in working days is converted at the clock's start: the working time from the start to
//   calendar::Calendar::deadline_days(start, n).
// - Deadline, warning and breach instants are where the counted working time reaches the
//   percentage of the target; in the past they are found in the history, in the future they are
//   projected from `now` (not while paused: then deadline is empty and remaining is exact). A
//   clock stopped short of its target shows the deadline it would have had, and no thresholds
//   after its stop.
// - A clock is breached when the deadline lies strictly before the stop instant (or `now`); a
//   stop exactly at the deadline is met.
//
// Failures: invalid_request when the log does not start with `created` or is not in time order;
// validation_failed for an unknown policy id or calendar id, or a computation outside a
// calendar's range.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "domain/calendar/calendar.h"
#include "domain/sla/policy.h"

namespace fuwu::sla {

enum class EventKind : std::uint8_t {
  created,           // value: the initial state
  state_changed,     // value: the new state
  priority_changed,  // value: the new priority
  policy_changed,    // value: the policy id in force from now on ("" = back to the rules)
  public_reply,
  arrived_on_site,
  resolved,
  reopened,         // value: the new state (may be empty)
  calendar_edited,  // value: the calendar id; noted in the explanation
};
std::string_view event_kind_slug(EventKind k);
std::optional<EventKind> parse_event_kind(std::string_view slug);

struct Event {
  Instant at;
  EventKind kind = EventKind::created;
  std::string value;
};

enum class ClockState : std::uint8_t { running, paused, met, breached, cancelled };
std::string_view clock_state_slug(ClockState s);

// An instant worth a job: a warning, an escalation, or the breach (percent 100, kind breach).
struct Threshold {
  enum class Kind : std::uint8_t { warning, escalation, breach };
  Kind kind = Kind::warning;
  int percent = 0;
  std::optional<Instant> at;  // empty while the clock is paused or after it stopped short of it
  std::optional<Escalation> escalation;
};

struct ClockStep {
  enum class Kind : std::uint8_t {
    started,          // detail: policy and target
    calendar,         // `cal`: counted segment, skipped holiday / rest day, make-up day, coverage
    paused,           // detail: the state
    resumed,          // detail: the state
    target_changed,   // detail: old and new policy, target, calendar; counted time kept
    calendar_edited,  // detail: calendar id and revision now used
    restarted,        // update_interval restarted by a public reply
    stopped,          // detail: the event that stopped the clock
    cancelled,        // the new policy has no target of this kind
  };
  Kind kind = Kind::started;
  Instant at;
  std::string detail;
  calendar::Step cal;
};
std::string_view clock_step_slug(ClockStep::Kind k);

struct Clock {
  TargetKind kind = TargetKind::resolution;
  std::string policy_id;
  std::string calendar_id;
  ClockState state = ClockState::running;
  Instant started_at;
  std::int64_t target_seconds = 0;
  std::int64_t elapsed_seconds = 0;  // working seconds counted up to now (or the stop)
  std::int64_t remaining_seconds = 0;
  std::optional<Instant> deadline;
  std::optional<Instant> stopped_at;
  std::optional<Instant> breach_at;
  std::vector<Threshold> thresholds;  // ascending percent
  std::vector<ClockStep> explanation;
};

enum class Explain : std::uint8_t { none, full };

Result<std::vector<Clock>> compute_clocks(const RecordFacts& facts, std::span<const Event> events,
                                          const PolicyBook& policies,
                                          const calendar::CalendarBook& calendars, Instant now,
                                          Explain explain = Explain::full);

// The earliest threshold instant strictly after `after` over the clocks that are running.
std::optional<Instant> next_due(const std::vector<Clock>& clocks, Instant after);

}  // namespace fuwu::sla
