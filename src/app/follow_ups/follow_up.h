// Follow-ups (回访, issue 9): a call, visit, letter or message to a customer after service, with a
// deadline on the working calendar and an outcome. Created
//   - automatically when a work order or ticket closes: plan_follow_ups() reads the outbox
//     (consumer "crm.follow_ups") and enqueues a kFollowUpJob at the end of the configured delay
//     in working days (crm_settings.follow_up_delay_days, default 1); the job creates the
//     follow-up once (dedupe_key "ticket:<id>"), due crm_settings.follow_up_days working days
//     later;
//   - on a schedule for key customers (定期走访: customer_care.key_customer, visit_interval_days,
//     next_visit_on), by the same pass, once per customer and date (dedupe_key
//     "visit:<org>:<date>");
//   - when a survey response scores below its campaign's threshold: the outbox event
//     survey.low_score, read by the same pass, opens a follow-up at once (source "survey",
//     linked to the response: survey_response_id; dedupe_key "survey:<response id>");
//   - by hand (POST /api/v1/follow-ups).
// Automatic follow-ups are assigned (follow_up_assignee): the customer's care owner
// (customer_care.care_owner_id) when active and available, else the next available member of the
// settings' follow-up group (crm_settings.follow_up_group_id) by the tickets' round-robin, else
// nobody (the desk assigns by hand).
// The outcome (reached, satisfied, comments, a short score 1–5) is recorded once; an unhappy one
// opens a complaint (linked both ways: follow_ups.complaint_id, complaints.follow_up_id) or
// reopens the work order (follow_ups.reopened_work_order_id, a journal entry on the order).
//
// Access: "follow_up.read" / "follow_up.write" — scope all (service desk), own (the assignee).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/platform/job_queue.h"
#include "domain/crm/follow_up.h"

namespace fuwu::app {

inline constexpr std::string_view kFollowUpJob = "follow_up.create";
inline constexpr std::string_view kFollowUpConsumer = "crm.follow_ups";

struct FollowUp {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string source;  // work_order | ticket | schedule | survey | manual
  std::int64_t source_ticket_id = 0;
  std::string source_number;            // the number of the closed record, "" for none
  std::int64_t survey_response_id = 0;  // source survey: the response that scored low
  std::string method;                   // phone | visit | letter | message
  std::int64_t assignee_id = 0;
  std::int64_t contact_id = 0;
  std::string state;  // open | done | cancelled
  std::string calendar;
  Instant due_at;
  std::optional<bool> reached;
  std::optional<bool> satisfied;
  std::optional<int> score;
  std::string comments;
  std::string action;  // "" | complaint | reopen_work_order
  std::int64_t complaint_id = 0;
  std::int64_t reopened_work_order_id = 0;
  std::int64_t version = 1;
  Instant created_at;
  std::optional<Instant> completed_at;
};

struct NewFollowUp {
  std::int64_t organisation_id = 0;
  std::string method;  // default: crm_settings.follow_up_method
  std::int64_t assignee_id = 0;
  std::int64_t contact_id = 0;
  std::int64_t source_ticket_id = 0;    // optional: the record followed up
  std::optional<int> due_in_days;       // working days; default crm_settings.follow_up_days
  std::int64_t survey_response_id = 0;  // set for a low survey score
};

struct FollowUpFilter {
  std::optional<std::string> state;
  std::optional<std::int64_t> assignee_id;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> source_ticket_id;
};

struct FollowUpPage {
  std::vector<FollowUp> items;
  std::optional<std::int64_t> next_before_id;
};

struct FollowUpOutcomeRequest {
  crm::FollowUpOutcome outcome;
  std::string
      complaint_about;  // for a complaint: default work_order when there is one, else engineer
};

struct CrmSettings {
  int follow_up_delay_days = 1;
  int follow_up_days = 2;
  std::string follow_up_method = "phone";
  std::string calendar = "china-mainland";
  std::int64_t follow_up_group_id = 0;  // automatic follow-ups: round-robin in it (0: none)
  std::int64_t version = 1;
};

Result<FollowUp> create_follow_up(store::Executor& ex, const Actor& actor, Instant now,
                                  const NewFollowUp& input);
Result<FollowUp> get_follow_up(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<FollowUpPage> list_follow_ups(store::Executor& ex, const Actor& actor,
                                     const FollowUpFilter& filter, std::int64_t before_id,
                                     int limit);
Result<FollowUp> record_follow_up_outcome(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t id, std::int64_t expected_version,
                                          const FollowUpOutcomeRequest& request);

// The customer-care settings (crm_settings): readable with follow_up.read, changed with
// crm_settings.write (administrators).
Result<CrmSettings> set_crm_settings(store::Executor& ex, const Actor& actor, Instant now,
                                     std::int64_t expected_version, const CrmSettings& settings);

// One pass of automatic creation, inside the caller's write unit: reads the outbox after the
// consumer's cursor and enqueues a kFollowUpJob per closed work order or ticket; creates the due
// visits of key customers. Returns the number of jobs enqueued.
Result<int> plan_follow_ups(store::Executor& ex, Instant now);
// The follow-up a low survey score opens (event survey.low_score, record survey_response):
// assigned as every automatic one, due follow_up_days working days later; once per response.
// Part of plan_follow_ups' pass.
Status plan_low_score_follow_up(store::Executor& ex, Instant now, const CrmSettings& settings,
                                std::int64_t response_id);
// The job handler for kFollowUpJob (idempotent; runs its own write unit).
Status run_follow_up_job(Services& services, const Job& job);

// Shared by the use cases of this folder.
Result<CrmSettings> load_crm_settings(store::Executor& ex);
Result<std::optional<FollowUp>> find_follow_up(store::Executor& ex, std::int64_t id);
access::RecordOwnership follow_up_ownership(const FollowUp& f);
// Who an automatic follow-up of the customer goes to (see above; 0: nobody). Moves the group's
// round-robin cursor when it picks from the group.
Result<std::int64_t> follow_up_assignee(store::Executor& ex, const CrmSettings& settings,
                                        std::int64_t organisation_id);
// Inserts a follow-up (no access checks); with a dedupe key already used, returns 0 and writes
// nothing. `due_days` working days on the settings' calendar from `now`. Every source but
// "manual" without an assignee is assigned by follow_up_assignee.
Result<std::int64_t> insert_follow_up(store::Executor& ex, const Actor& actor, Instant now,
                                      const CrmSettings& settings, const NewFollowUp& in,
                                      std::string_view source, std::string_view dedupe_key);

}  // namespace fuwu::app
