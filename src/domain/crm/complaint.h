// Complaints (投诉, seed 004 §5.1.18) as pure rules: what each step of the complaint flow needs
// before it may be taken, and the deadline "closed within 5 working days of receipt" (seed 003).
//
// The flow (the states and who may move between them are data:
// src/app/tickets/lifecycles/complaint.json):
//   received ─route_elsewhere→ routed (not a customer complaint: handed to the right person;
//   closed) received ─accept→ with_head (the head of service has it) ─establish_cause→
//   cause_established cause_established ─record_discipline→ disciplined        (human factor:
//   responsible person and
//                                                              disciplinary note)
//   cause_established ─request_support→ support_requested    (no human factor: headquarters' help)
//   disciplined | support_requested | remedy_rejected ─propose_remedy→ remedy_proposed
//   remedy_proposed ─customer_agrees→ agreed | ─customer_disagrees→ remedy_rejected
//   agreed ─carry_out→ carried_out (the solution) ─inform_customer→ customer_informed
//   customer_informed ─close→ closed (with an improvement action)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/time.h"
#include "domain/calendar/calendar.h"

namespace fuwu::crm {

inline constexpr int kComplaintWorkingDays = 5;

bool valid_channel(std::string_view c);   // call | letter | visit | portal | email
bool valid_about(std::string_view a);     // engineer | work_order | product | attitude | fees
bool valid_severity(std::string_view s);  // normal | major

// A complaint's facts after the step's own values are applied (what the guards look at).
struct ComplaintFacts {
  std::int64_t routed_to_id = 0;
  std::int64_t head_id = 0;
  std::string cause;
  std::optional<bool> attributable;  // the cause lies with the service
  std::int64_t responsible_id = 0;
  std::string disciplinary_note;
  std::string support_request;
  std::string remedy;
  std::string solution;
  bool customer_informed = false;
  std::string improvement_action;
};

// validation_failed with one field error per value the step lacks, or success. Steps without
// requirements (customer_agrees, customer_disagrees, inform_customer) and unknown names pass:
// the lifecycle decides whether the step exists and may start from the current state. "close"
// needs the solution, the customer informed and the improvement action, whatever the state, so
// that closing too early is a clear 422 naming what is missing.
Status check_complaint_step(std::string_view transition, const ComplaintFacts& after);

// The deadline: the end of the 5th working day after the day of receipt on `calendar` (the day
// of receipt never counts; calendar::Calendar::deadline_days).
Result<Instant> complaint_deadline(const calendar::Calendar& calendar, Instant received_at);

// The 8-working-hour limits of seed 004 §5.1.18 (notes 3 and 4): "inform" — the solution is told
// to the customer within 8 working hours of receipt (met by the first remedy proposed to the
// customer); "remedy" — a complaint caused by a human factor has its remedy carried out within 8
// working hours of the customer's agreement (met when carried out). Each warns at 75 %.
inline constexpr int kComplaintLimitHours = 8;
inline constexpr int kComplaintLimitWarningPercent = 75;
enum class LimitState : std::uint8_t { running, met, breached };
std::string_view limit_state_slug(LimitState s);
// Met when done at or before `due`; breached when done after it, or not done and `now` is past
// it; else running.
LimitState limit_state(Instant due, std::optional<Instant> done_at, Instant now);
// When a limit of 8 working hours from `start` falls due, and when its 75 % warning does.
struct LimitInstants {
  Instant warning;
  Instant due;
};
Result<LimitInstants> complaint_limit(const calendar::Calendar& calendar, Instant start);

// The complaint's own SLA policy (ticket_sla_policies): one resolution target of 5 working days
// on `calendar_id`, warnings at 75 % and 90 %, a notifying escalation at the breach.
std::string complaint_sla_policy_json(std::string_view calendar_id);

}  // namespace fuwu::crm
