#include <mutex>

#include "app/customers/customer_archive.h"
#include "app/platform/audit.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::vector<std::pair<std::string, ArchiveSectionLoader>>& archive_section_registry() {
  static std::vector<std::pair<std::string, ArchiveSectionLoader>> sections;
  return sections;
}

}  // namespace

std::vector<std::pair<std::string, ArchiveSectionLoader>> archive_sections() {
  std::lock_guard lock(registry_mutex());
  return archive_section_registry();
}

void register_archive_section(std::string name, ArchiveSectionLoader loader) {
  std::lock_guard lock(registry_mutex());
  archive_section_registry().emplace_back(std::move(name), std::move(loader));
}

Result<CustomerCare> find_customer_care(store::Executor& ex, std::int64_t organisation_id) {
  CustomerCare c;
  c.organisation_id = organisation_id;
  auto row = TRY(ex.query_one(
      "SELECT key_customer, visit_interval_days, visit_method, next_visit_on, no_units, "
      "first_contact_at, COALESCE(archive_task_id, 0), archive_completed_at, version, "
      "COALESCE(care_owner_id, 0) FROM "
      "customer_care WHERE organisation_id = $1",
      {organisation_id}));
  if (!row) return c;
  const auto& r = *row;
  c.key_customer = r.i64(0) != 0;
  c.visit_interval_days = static_cast<int>(r.i64(1));
  c.visit_method = r.text(2);
  if (!r.is_null(3)) c.next_visit_on = parse_date(r.text(3));
  c.no_units = r.i64(4) != 0;
  if (!r.is_null(5)) c.first_contact_at = parse_rfc3339(r.text(5));
  c.archive_task_id = r.i64(6);
  if (!r.is_null(7)) c.archive_completed_at = parse_rfc3339(r.text(7));
  c.version = r.i64(8);
  c.care_owner_id = r.i64(9);
  return c;
}

Result<crm::ArchiveFacts> archive_facts(store::Executor& ex, std::int64_t organisation_id,
                                        bool no_units) {
  crm::ArchiveFacts f;
  auto row = TRY(ex.query_one(
      "SELECT (SELECT COUNT(*) FROM users WHERE organisation_id = $1 AND disabled = 0), "
      "(SELECT COUNT(*) FROM sites WHERE organisation_id = $1 AND address <> ''), "
      "(SELECT COUNT(*) FROM units WHERE organisation_id = $1)",
      {organisation_id}));
  f.contacts = static_cast<int>(row->i64(0));
  f.sites_with_address = static_cast<int>(row->i64(1));
  f.units = static_cast<int>(row->i64(2));
  f.no_units_declared = no_units;
  return f;
}

Result<bool> close_archive_task_if_complete(store::Executor& ex, Instant now,
                                            std::int64_t organisation_id) {
  const auto care = TRY(find_customer_care(ex, organisation_id));
  if (care.archive_task_id == 0 || care.archive_completed_at) return false;
  const auto facts = TRY(archive_facts(ex, organisation_id, care.no_units));
  if (!crm::archive_complete(facts)) return false;
  auto task = TRY(find_ticket(ex, care.archive_task_id));
  const Actor system = Actor::system("job");
  if (task && task->state == "open") {
    TransitionRequest tr;
    tr.transition = "complete";
    TRY_VOID(apply_ticket_transition(ex, system, now, *task, task->version, tr, ownership(*task)));
  }
  const std::string ts = format_rfc3339(now);
  TRY_VOID(ex.exec(
      "UPDATE customer_care SET archive_completed_at = $2, version = version + 1, updated_at = $2 "
      "WHERE organisation_id = $1",
      {organisation_id, ts}));
  TRY_VOID(write_audit(ex, system, now, "organisation", organisation_id, "archive_complete",
                       {{"archive_completed_at", std::nullopt, ts}}));
  return true;
}

}  // namespace fuwu::app
