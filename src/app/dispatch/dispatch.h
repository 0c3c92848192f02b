// Dispatch of after-sales work orders (issue 8): engineers' working calendars and absences,
// appointments on those calendars, the claim pool, and automatic dispatch with its reasons. Use
// cases, one per file in this folder, each inside the caller's unit of work.
//
// Calendars and absences: an engineer works on their centre's calendar unless given their own
// (engineer_calendars); absences are dated ranges in China dates, both ends included. Changing
// them needs "engineer.schedule" (agents); reading a schedule "service_centre.read".
//
// Appointments: the `appoint` transition books the slot [appointment_at, appointment_ends_at)
// (default two hours) for the order's engineer. The slot must lie in the engineer's working time
// and on no day of an absence (validation_failed "appointment_at" "off_duty" / "absent"), and
// may not overlap another open appointment of theirs (conflict "appointment_at" "overlaps",
// naming the other order).
//
// Claim pool: "work_order.dispatch" publishes an order that may be dispatched to the pool of its
// centre. An engineer ("work_order.claim") sees the pooled orders whose product line they have
// the skill for and whose site lies in their centre's territory, and claims one: the order is
// dispatched to them and accepted in one step. The pool row is deleted with a guarded DELETE, so
// of concurrent claims exactly one wins; the others get conflict "already_claimed".
//
// Automatic dispatch: every active engineer is a candidate, described by territory, skill,
// absence, calendar, busy slot, open load and distance from their centre to the site; the pure
// ranking (domain/aftersales/dispatch.h) chooses. The proposal lists every candidate with its
// rank, cost and the reasons it was not chosen; auto-dispatch applies it through the dispatch
// transition and audits the decision ("auto_dispatch" on the ticket).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/service_centres/service_centre.h"
#include "app/work_orders/work_order.h"
#include "domain/aftersales/dispatch.h"
#include "domain/calendar/calendar.h"

namespace fuwu::app {

struct EngineerAbsence {
  std::int64_t id = 0;
  std::int64_t engineer_id = 0;
  Date starts_on;
  Date ends_on;
  std::string reason;
  Instant created_at;
};

struct Appointment {
  std::int64_t work_order_id = 0;
  std::string number;
  std::int64_t engineer_id = 0;
  Instant starts_at;
  Instant ends_at;
};

struct EngineerSchedule {
  std::int64_t engineer_id = 0;
  std::int64_t service_centre_id = 0;
  std::string calendar;       // the calendar in force
  bool own_calendar = false;  // false: the centre's
  std::vector<EngineerAbsence> absences;
  std::vector<Appointment> appointments;  // of open orders, from `from` on
};

struct PoolEntry {
  std::int64_t work_order_id = 0;
  std::string number;
  std::string title;
  std::string state;
  std::string wo_kind;
  std::string fault;
  std::string serial;
  std::int64_t service_centre_id = 0;
  std::string product_line;
  std::string province;
  std::string note;
  Instant published_at;
};

struct DispatchProposal {
  std::int64_t work_order_id = 0;
  Instant at;  // the moment the candidates were judged for
  std::string product_line;
  std::string province;
  aftersales::DispatchRules rules;
  aftersales::DispatchDecision decision;
};

struct AutoDispatchResult {
  WorkOrder order;
  DispatchProposal proposal;
};

// Engineers' calendars and absences.
Result<EngineerSchedule> get_engineer_schedule(store::Executor& ex, const Actor& actor,
                                               std::int64_t centre_id, std::int64_t engineer_id,
                                               Instant from);
// `calendar` empty: back to the centre's calendar.
Result<EngineerSchedule> set_engineer_calendar(store::Executor& ex, const Actor& actor, Instant now,
                                               std::int64_t centre_id, std::int64_t engineer_id,
                                               const std::string& calendar);
Result<EngineerAbsence> add_engineer_absence(store::Executor& ex, const Actor& actor, Instant now,
                                             std::int64_t centre_id, std::int64_t engineer_id,
                                             const EngineerAbsence& input);
Status remove_engineer_absence(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t centre_id, std::int64_t engineer_id,
                               std::int64_t absence_id);

// Appointments: called by the appoint transition (no access check of its own).
Status book_appointment(store::Executor& ex, const WorkOrder& order, Instant starts_at,
                        Instant ends_at);

// The claim pool.
Result<PoolEntry> publish_to_pool(store::Executor& ex, const Actor& actor, Instant now,
                                  std::int64_t work_order_id, const std::string& note);
Result<std::vector<PoolEntry>> list_pool(store::Executor& ex, const Actor& actor);
Result<WorkOrder> claim_work_order(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t work_order_id);

// Automatic dispatch. `at`: the moment to judge calendars, absences and slots for (default: the
// order's appointment, else now).
Result<DispatchProposal> propose_dispatch(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t work_order_id, std::optional<Instant> at);
Result<AutoDispatchResult> auto_dispatch(store::Executor& ex, const Actor& actor, Instant now,
                                         std::int64_t work_order_id, std::int64_t expected_version,
                                         std::optional<Instant> at);

// Shared by the use cases of this folder.
// The calendar slug an engineer works on (their own, else their centre's); nullopt if no engineer.
Result<std::optional<std::string>> engineer_calendar_slug(store::Executor& ex,
                                                          std::int64_t engineer_id);
// The product line code of the order's unit ('' without a unit) and the site's province.
struct OrderPlace {
  std::string product_line;
  std::string province;
  std::int64_t site_id = 0;
};
Result<OrderPlace> order_place(store::Executor& ex, const WorkOrder& order);
Date china_date(Instant t);
// The pooled orders still open for dispatch (one order when work_order_id is given), oldest first.
Result<std::vector<PoolEntry>> load_pool(store::Executor& ex, std::int64_t work_order_id = 0);
// Whether the engineer of `centre` may claim the pooled order: the skill and the territory.
bool pool_entry_fits(const Engineer& engineer, const ServiceCentre& centre, const PoolEntry& entry);
// The states from which an order may be dispatched (and so published or claimed).
bool dispatchable_state(std::string_view state);
// The built calendar with this slug (not_found when it has gone).
Result<std::shared_ptr<const calendar::Calendar>> working_calendar(store::Executor& ex,
                                                                   const std::string& slug);
// True when [start, end) is all working time on the calendar.
Result<bool> within_working_time(const calendar::Calendar& cal, Instant start, Instant end);

}  // namespace fuwu::app
