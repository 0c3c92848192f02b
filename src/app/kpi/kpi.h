// Service-quality KPIs (issue 9) over work orders: the figures of a month for the whole network,
// a service centre, an engineer or a customer's contract, each with its target, traffic light
// and definition (domain/kpi), and the records behind each figure. Use cases, one per file.
//
// Upkeep: every write that changes a work order calls refresh_work_order_facts in the same unit;
// it recomputes the order's row in work_order_facts from the order, its SLA clocks (the
// first_response and onsite clocks of its own policy), its event log and its stock movements,
// and moves the difference of its contributions into kpi_tallies for each scope the order
// belongs to (all; its centre; its engineer; its customer's contract), and into
// statistics_tallies for each grouping of the monthly statistics (total, product, fault code,
// fault phenomenon, centre, engineer). Reading a dashboard or a month's statistics is then a few
// indexed reads whatever the number of orders.
//
// Access: "kpi.read" — scope all (service managers) reads any scope; scope organisation (a
// customer) reads only its own contract (scope=contract&id=<its organisation>): anything else
// is not_found. Satisfaction is read from the survey responses submitted in the month (app/surveys
// keeps them; indexed by scope and submission time). The complaint rate counts the complaints
// (app/complaints) received in the month whose cause was found attributable to the service, over
// the orders reported in the month; a complaint belongs to its customer's contract, to the
// engineer it names (else the engineer of the work order it names) and to that work order's
// service centre (else the engineer's centre).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/kpi/kpi.h"

namespace fuwu::app {

// Recomputes one work order's facts and tallies as of `now` (a no-op for other tickets).
Status refresh_work_order_facts(store::Executor& ex, std::int64_t ticket_id, Instant now);
// Refreshes only what the repair sheet gives the order's facts (its fault code, and its fault
// phenomenon, which replaces the reported fault): no KPI depends on them.
Status refresh_work_order_fault(store::Executor& ex, std::int64_t ticket_id);
// A repair order of `unit_id` reported at `reported`: the unit's previous repair, when repaired
// within 30 days before, came back (repeat repair).
Status note_repeat_repair(store::Executor& ex, std::int64_t ticket_id, std::int64_t unit_id,
                          Instant reported);

struct KpiQuery {
  std::string scope;  // all | centre | engineer | contract
  std::int64_t id = 0;
  std::string month;  // YYYY-MM
};

struct KpiFigure {
  kpi::Figure figure;
  bool available = true;  // false: no data source for this figure yet
};

struct KpiReport {
  std::string scope;
  std::int64_t id = 0;
  std::string month;
  std::string name;  // the centre's, engineer's or customer's name; '' for all
  std::string contract;
  std::int64_t orders = 0;  // work orders reported in the month
  std::vector<KpiFigure> figures;
};

// invalid_request / validation_failed for a bad scope, id or month (a month after the current
// one is validation_failed, "month" "out_of_range"); permission_denied without kpi.read;
// not_found for a centre, engineer or contract that does not exist or is out of reach.
Result<KpiReport> get_kpis(store::Executor& ex, const Actor& actor, Instant now,
                           const KpiQuery& query);

struct KpiRecord {
  std::int64_t response_id = 0;  // satisfaction: the survey response (ticket_id 0 when none)
  bool complaint = false;        // complaint_rate: ticket_id is the complaint
  std::int64_t ticket_id = 0;
  std::string number;
  std::string title;
  std::string state;
  std::int64_t service_centre_id = 0;
  std::int64_t engineer_id = 0;
  std::int64_t numerator = 0;    // what the record adds to the figure's numerator
  std::int64_t denominator = 0;  // … and to its denominator (1; 0 for a complaint)
  std::optional<Instant> due_at;
  std::optional<Instant> resolved_at;  // satisfaction: when the response was submitted
};

struct KpiRecordPage {
  std::vector<KpiRecord> items;
  std::optional<std::int64_t> next_before_id;
};

// The records behind one figure (kpi = on_time, response_time, repair_time, first_time_fix,
// repeat_repair, or orders: work orders, keyset-paged by ticket id; satisfaction: survey
// responses, numerator = the score in hundredths of a per cent, keyset-paged by response id;
// complaint_rate: the complaints counted, 1/0 each — the denominator is kpi=orders),
// newest first. Same access as get_kpis.
Result<KpiRecordPage> list_kpi_records(store::Executor& ex, const Actor& actor, Instant now,
                                       const KpiQuery& query, const std::string& kpi,
                                       std::int64_t before_id, int limit);

// Shared by the use cases of this folder: validates the query and checks access.
struct KpiScopeCheck {
  std::string name;
  std::string contract;
};
Result<KpiScopeCheck> check_kpi_query(store::Executor& ex, const Actor& actor, Instant now,
                                      const KpiQuery& query);
// The column of work_order_facts and survey_responses that a scope filters on ("" for all).
std::string kpi_scope_column(const std::string& scope);
// The attributable complaints of a month in a scope: "FROM complaints c … WHERE …" with $1, $2
// the month's first and next month's first instant (RFC 3339) and $3 the scope id (0 for all);
// columns c.* and t (the complaint's ticket) are at hand.
std::string kpi_complaints_from(const std::string& scope);

}  // namespace fuwu::app
