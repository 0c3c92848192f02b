// Complaints (投诉, issue 9): a ticket of kind "complaint" (number CMP-YYYY-NNNNNN, journal, audit,
// search, SLA clock) with the complaint's facts beside it (table complaints): the channel, the
// customer and contact, what it is about with the work order, ticket, engineer or product model it
// names, the severity, and what each step of the flow of seed 004 §5.1.18 recorded (cause,
// attributable to the service, human factor with the person responsible and the disciplinary note,
// or the support requested from headquarters, the remedy, the solution, the customer informed,
// the improvement action). Use cases, one per file in this folder, each inside the caller's unit
// of work; the rules of the steps are pure (domain/crm/complaint.h), the states are data
// (src/app/tickets/lifecycles/complaint.json).
//
// Deadline: closed within 5 working days of receipt (on the calendar of the crm settings,
// china-mainland unless changed): the record's own SLA policy, so the clock has its explanation,
// warnings at 75 % and 90 % and the breach are durable jobs, and the events sla.warning /
// sla.breach / sla.escalation announce them. A major complaint emits complaint.major at once (the
// notification rule shipped with 0022 tells the quality department and the management
// representative).
//
// Limits of 8 working hours (seed 004 §5.1.18 notes 3 and 4, domain/crm/complaint.h): the
// solution told to the customer within 8 working hours of receipt (inform_due_at, met by the
// first remedy proposed), and a human-factor remedy carried out within 8 working hours of the
// customer's agreement (remedy_due_at, met by carry_out). Durable jobs (kComplaintLimitJob) at
// 75 % and at the limit announce complaint.limit_warning / complaint.limit_breached while the
// limit is not met and the complaint is open; a notification rule shipped with 0027 tells the
// handler (and the quality department of a breach).
//
// Access: "complaint.read" decides who sees a complaint — scope all (service desk, quality),
// organisation (a customer: its own organisation's). Out of reach is not_found.
// "complaint.create" records one (a customer: for its own organisation, channel portal);
// "complaint.write" takes the steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/platform/job_queue.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {

struct Complaint {
  Ticket ticket;
  std::int64_t organisation_id = 0;
  std::int64_t contact_id = 0;
  std::string contact_name;
  std::string contact_phone;
  std::string channel;   // call | letter | visit | portal | email
  std::string about;     // engineer | work_order | product | attitude | fees
  std::string severity;  // normal | major
  std::int64_t work_order_id = 0;
  std::int64_t related_ticket_id = 0;
  std::int64_t engineer_id = 0;
  std::int64_t product_model_id = 0;
  std::int64_t follow_up_id = 0;
  std::optional<bool> is_complaint;
  std::int64_t routed_to_id = 0;
  std::int64_t head_id = 0;
  std::string cause;
  std::optional<bool> attributable;
  std::optional<bool> human_factor;
  std::int64_t responsible_id = 0;
  std::string disciplinary_note;
  std::string support_request;
  std::string remedy;
  std::int64_t remedy_rounds = 0;
  std::optional<Instant> customer_agreed_at;
  std::string solution;
  std::optional<Instant> carried_out_at;
  std::optional<Instant> customer_informed_at;
  std::string improvement_action;
  std::string calendar;
  Instant received_at;
  Instant due_at;
  std::optional<Instant> closed_at;
  std::optional<Instant> inform_due_at;       // receipt + 8 working hours
  std::optional<Instant> remedy_proposed_at;  // the first remedy proposed (meets inform)
  std::optional<Instant> remedy_due_at;       // human factor: agreement + 8 working hours
};

struct NewComplaint {
  std::string channel;               // default: portal for a customer, else call
  std::int64_t organisation_id = 0;  // a customer: its own
  std::int64_t contact_id = 0;       // a person of the organisation (a customer: itself)
  std::string contact_name;
  std::string contact_phone;
  std::string about;
  std::string severity = "normal";
  std::string title;
  std::string description;
  std::int64_t work_order_id = 0;
  std::int64_t related_ticket_id = 0;
  std::int64_t engineer_id = 0;
  std::int64_t product_model_id = 0;
  std::optional<Instant> received_at;  // default now; earlier for a letter opened late (<= now)
  std::int64_t follow_up_id = 0;       // set by a follow-up's unhappy outcome
};

// One step of the flow, with the values it records.
struct ComplaintStep {
  std::string transition;
  std::int64_t routed_to_id = 0;     // route_elsewhere
  std::int64_t head_id = 0;          // accept (becomes the assignee)
  std::string cause;                 // establish_cause
  std::optional<bool> attributable;  // establish_cause
  std::int64_t responsible_id = 0;   // record_discipline
  std::string disciplinary_note;     // record_discipline
  std::string support_request;       // request_support
  std::string remedy;                // propose_remedy
  std::string solution;              // carry_out
  std::string improvement_action;    // close
  std::string comment;               // any step: a public journal entry
};

struct ComplaintFilter {
  std::optional<std::string> state;
  std::optional<std::string> state_category;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> severity;
  std::optional<std::string> about;
  std::optional<std::int64_t> work_order_id;
  bool open_only = false;  // not closed yet
};

struct ComplaintPage {
  std::vector<Complaint> items;
  std::optional<std::int64_t> next_before_id;
};

Result<Complaint> create_complaint(store::Executor& ex, const Actor& actor, Instant now,
                                   const NewComplaint& input);
Result<Complaint> get_complaint(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<ComplaintPage> list_complaints(store::Executor& ex, const Actor& actor,
                                      const ComplaintFilter& filter, std::int64_t before_id,
                                      int limit);
Result<Complaint> transition_complaint(store::Executor& ex, const Actor& actor, Instant now,
                                       std::int64_t id, std::int64_t expected_version,
                                       const ComplaintStep& step);

inline constexpr std::string_view kComplaintLimitJob = "complaint.limit";

// Schedules the 8-working-hour limit `limit` ("inform" or "remedy") of complaint `ticket_id`
// from `start` on `calendar_id`: a kComplaintLimitJob at the 75 % warning and one at the limit.
// Returns when the limit falls due.
Result<Instant> schedule_complaint_limit(store::Executor& ex, std::int64_t ticket_id,
                                         std::string_view limit, const std::string& calendar_id,
                                         Instant start, Instant now);
// The job handler for kComplaintLimitJob (idempotent; runs its own write unit).
Status run_complaint_limit_job(Services& services, const Job& job);

// Shared by the use cases of this folder (and follow-ups).
Result<std::optional<Complaint>> find_complaint(store::Executor& ex, std::int64_t ticket_id);
access::RecordOwnership complaint_ownership(const Complaint& c);
// The steps the actor may take now (for buttons), from the lifecycle and its permissions.
std::vector<const ticket::TransitionDef*> complaint_transitions(const Actor& actor,
                                                                const Complaint& c);
// The calendar customer care counts working days on (crm_settings.calendar).
Result<std::string> crm_calendar(store::Executor& ex);

}  // namespace fuwu::app
