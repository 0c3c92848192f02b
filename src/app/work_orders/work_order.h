// After-sales work orders (工单, issue 8): a ticket of kind "work_order" (number WO-YYYY-NNNNNN,
// journal, audit, search, SLA clocks) with the after-sales facts beside it: the kind of visit, the
// unit and the fault, the warranty decided when the order was reported, the serving centre, the
// response target from the customer's terms (distance tier or region) with its explanation, the
// engineer and the appointment. Use cases, one per file in this folder, each inside the caller's
// unit of work.
//
// Access: "work_order.read" decides who sees an order — scope all (service desk), organisation
// (the customer's own orders), own (an engineer: orders dispatched to them). Out of reach is
// not_found. "work_order.create" reports; transitions need the permission the lifecycle names
// (src/app/tickets/lifecycles/work_order.json): work_order.write (quote, follow up, close, reopen,
// cancel), work_order.dispatch, work_order.decide (the customer accepts or declines a quote),
// work_order.work (the engineer: accept, reject, appoint, depart, check in, parts, repair, sign).
//
// Rules: a repair of a unit out of warranty is quoted before it is dispatched (an accepted quote,
// app/quotes; quote, accept_quote and decline_quote happen only through a quote); dispatch names an
// active engineer (a user registered as engineer of a centre); reject needs a reason; appoint
// needs the appointment instant; repair needs the solution (resolution). Checking in stops the
// on-site clock; waiting for parts pauses every clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/tickets/ticket.h"
#include "domain/aftersales/response.h"
#include "domain/aftersales/warranty.h"

namespace fuwu::app {

// The customer's response terms (from the contract), per organisation; organisation 0 holds the
// default for customers without their own.
struct ResponseTermsRecord {
  std::int64_t organisation_id = 0;
  std::string contract;
  aftersales::ResponseTerms terms;
  std::int64_t version = 0;  // 0: not stored for this organisation
  bool inherited = false;    // the default (organisation 0's, or built in) applies
};

struct WorkOrder {
  Ticket ticket;
  std::string wo_kind;  // repair | installation | training | maintenance | inspection
  std::int64_t unit_id = 0;
  std::string unit_serial;
  std::string part_code;
  std::string fault;
  std::int64_t service_centre_id = 0;
  Date reported_on;
  // Warranty, decided when the order was reported.
  bool in_warranty = false;
  std::string warranty_reason;
  std::string warranty_basis;
  std::optional<Date> warranty_ends_on;
  std::string warranty_explanation_zh;
  std::string warranty_explanation_en;
  bool quote_required = false;
  // The response target.
  std::string contract;
  std::string target_rule;  // distance_tier | region
  std::string time_basis;   // working | calendar
  std::string calendar;     // the calendar the clocks count on
  double road_factor = 1.0;
  std::optional<double> great_circle_km;
  std::optional<double> distance_km;
  std::string site_point;  // coordinates | city | province_capital
  std::string tier;
  std::int64_t onsite_hours = 0;
  std::int64_t onsite_days = 0;
  std::int64_t answer_hours = 24;
  std::string target_explanation_zh;
  std::string target_explanation_en;
  std::optional<Instant> appointment_at;
};

struct NewWorkOrder {
  std::string wo_kind = "repair";
  std::string title;
  std::string fault;
  std::string channel;  // phone | letter | walk_in | portal | email | api
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> serial;  // instead of unit_id
  std::string part_code;
  std::int64_t site_id = 0;            // default: the unit's site
  std::int64_t service_centre_id = 0;  // default: the first centre whose territory holds the site
  std::int64_t requester_id = 0;
  std::optional<Date> reported_on;  // default: today in China
};

struct WorkOrderTransition {
  std::string transition;
  std::int64_t engineer_id = 0;  // dispatch
  std::string reason;            // reject, cancel (reason is the resolution), journal comment
  std::optional<std::string> resolution;       // repair: the solution
  std::optional<Instant> appointment_at;       // appoint
  std::optional<Instant> appointment_ends_at;  // appoint; default two hours after the start
  // quote, accept_quote, decline_quote and sign are taken by their own use cases (a quote, the
  // signed repair sheet), which set this; the transitions API never does.
  bool by_record = false;
};

struct WorkOrderFilter {
  std::optional<std::string> state;
  std::optional<std::int64_t> engineer_id;
  std::optional<std::int64_t> service_centre_id;
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> wo_kind;  // repair | installation | …
  std::optional<std::string>
      due_before;             // overdue: still open, earliest deadline before (RFC 3339)
  bool oldest_first = false;  // ascending ids (the cursor then pages forward)
};

struct WorkOrderPage {
  std::vector<WorkOrder> items;
  std::optional<std::int64_t> next_before_id;
};

Result<WorkOrder> create_work_order(store::Executor& ex, const Actor& actor, Instant now,
                                    const NewWorkOrder& input);
Result<WorkOrder> get_work_order(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<WorkOrderPage> list_work_orders(store::Executor& ex, const Actor& actor,
                                       const WorkOrderFilter& filter, std::int64_t before_id,
                                       int limit);
Result<WorkOrder> transition_work_order(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const WorkOrderTransition& request);
Result<ResponseTermsRecord> get_response_terms(store::Executor& ex, const Actor& actor,
                                               std::int64_t organisation_id);
Result<ResponseTermsRecord> set_response_terms(store::Executor& ex, const Actor& actor, Instant now,
                                               std::int64_t organisation_id,
                                               std::int64_t expected_version,
                                               const std::string& contract,
                                               const aftersales::ResponseTerms& terms);

// Shared by the use cases of this folder.
Result<std::optional<WorkOrder>> find_work_order(store::Executor& ex, std::int64_t ticket_id);
access::RecordOwnership work_order_ownership(const Ticket& t);
// The terms in force for an organisation: its own, else the default row, else built-in.
// The terms as stored (JSON text).
std::string response_terms_text(const aftersales::ResponseTerms& t);
Result<ResponseTermsRecord> terms_for(store::Executor& ex, std::int64_t organisation_id);

}  // namespace fuwu::app
