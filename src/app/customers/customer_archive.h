// The customer archive (客户档案, issue 9): one page per customer — the organisation, its sites,
// contacts, sold units with their warranty today, the response terms of its contract, the recent
// records of every kind (tickets, work orders, complaints, follow-ups, survey answers; further
// kinds through the extension point below), the care settings (key customer, 定期走访) and whether
// the archive is complete (domain/crm/archive.h).
//
// A new customer's archive is due within 2 working days of first contact (seed 000): when a
// customer organisation is created, plan_archive_tasks() opens a task (a ticket of kind
// archive_task, number ARC-YYYY-NNNNNN, with an SLA clock of 2 working days on the customer-care
// calendar: warnings, breach) and closes it as soon as the archive is complete (a contact, a site
// with an address, a unit or "no units" declared).
//
// Access: "customer_archive.read" (scope all: the desk; organisation: a customer's own archive;
// another's is not_found); "customer_archive.write" changes the care settings.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/crm/archive.h"

namespace fuwu::app {

inline constexpr std::string_view kArchiveConsumer = "crm.archive";

struct CustomerCare {
  std::int64_t organisation_id = 0;
  bool key_customer = false;
  int visit_interval_days = 0;
  std::string visit_method = "visit";
  std::optional<Date> next_visit_on;
  bool no_units = false;
  std::int64_t care_owner_id = 0;  // who automatic follow-ups of this customer go to (0: none)
  std::optional<Instant> first_contact_at;
  std::int64_t archive_task_id = 0;
  std::optional<Instant> archive_completed_at;
  std::int64_t version = 0;  // 0: no row yet
};

// One recent record in the archive.
struct ArchiveRecord {
  std::string kind;  // incident | request | work_order | complaint | follow_up | survey_response …
  std::int64_t id = 0;
  std::string number;  // "" for records without one
  std::string title;
  std::string state;
  Instant at;
};

struct ArchiveSite {
  std::int64_t id = 0;
  std::string name;
  std::string address;
};

struct ArchiveContact {
  std::int64_t id = 0;
  std::string display_name;
  std::string email;
  std::string phone;
  std::string kind;  // user | contact
};

struct ArchiveUnit {
  std::int64_t id = 0;
  std::string serial;
  std::string model_code;
  std::string model_name_zh;
  std::string model_name_en;
  std::int64_t site_id = 0;
  bool in_warranty = false;
  std::string warranty_reason;
  std::optional<Date> warranty_ends_on;
};

struct CustomerArchive {
  std::int64_t organisation_id = 0;
  std::string name;
  std::string kind;
  std::string code;
  std::string region_code;
  std::vector<ArchiveSite> sites;
  std::vector<ArchiveContact> contacts;
  std::vector<ArchiveUnit> units;
  std::string contract;
  std::string response_terms;  // JSON text of the terms in force ("" when built-in defaults)
  bool response_terms_inherited = true;
  // Recent records per section, newest first (at most `recent` each).
  std::vector<std::pair<std::string, std::vector<ArchiveRecord>>> sections;
  CustomerCare care;
  crm::ArchiveFacts facts;
  std::vector<crm::ArchiveGap> gaps;
  std::optional<Instant> archive_due_at;  // the open task's deadline
};

// An extension point for further record kinds (e.g. repair sheets, quotes): a named section and
// a loader of the organisation's most recent records. Register once at start-up.
using ArchiveSectionLoader = std::function<Result<std::vector<ArchiveRecord>>(
    store::Executor& ex, std::int64_t organisation_id, int limit)>;
void register_archive_section(std::string name, ArchiveSectionLoader loader);
// The registered sections, in registration order.
std::vector<std::pair<std::string, ArchiveSectionLoader>> archive_sections();

struct CustomerCarePatch {
  std::optional<bool> key_customer;
  std::optional<int> visit_interval_days;
  std::optional<std::string> visit_method;
  std::optional<std::optional<Date>> next_visit_on;  // set to nullopt-in-optional to clear
  std::optional<bool> no_units;
  std::optional<std::int64_t> care_owner_id;  // 0 clears
};

Result<CustomerArchive> get_customer_archive(store::Executor& ex, const Actor& actor, Instant now,
                                             std::int64_t organisation_id, int recent = 10);
Result<CustomerCare> set_customer_care(store::Executor& ex, const Actor& actor, Instant now,
                                       std::int64_t organisation_id, std::int64_t expected_version,
                                       const CustomerCarePatch& patch);

// One pass inside the caller's write unit: opens the archive task of each new customer
// organisation (outbox consumer "crm.archive") and closes the tasks whose archive has become
// complete. Returns the number of tasks opened or closed.
Result<int> plan_archive_tasks(store::Executor& ex, Instant now);

// Shared by the use cases of this folder.
Result<CustomerCare> find_customer_care(store::Executor& ex, std::int64_t organisation_id);
Result<crm::ArchiveFacts> archive_facts(store::Executor& ex, std::int64_t organisation_id,
                                        bool no_units);
// Closes the organisation's open archive task when its archive is complete (system actor).
Result<bool> close_archive_task_if_complete(store::Executor& ex, Instant now,
                                            std::int64_t organisation_id);

}  // namespace fuwu::app
