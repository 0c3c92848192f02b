#include "app/customers/customer_archive.h"
#include "app/follow_ups/follow_up.h"
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

// The task's own SLA policy: 2 working days on the customer-care calendar.
std::string archive_policy_json(const std::string& calendar) {
  return "{\"policies\":[{\"id\":\"customer-archive\",\"name\":\"客户档案 2 个工作日内建档 / "
         "Customer archive within 2 working days\",\"targets\":[{\"kind\":\"resolution\","
         "\"calendar\":\"" +
         calendar + "\",\"working_days\":" + std::to_string(crm::kArchiveWorkingDays) +
         ",\"warnings\":[75,90]}]}]}";
}

// Events after which an organisation's archive may have become complete.
bool touches_archive(std::string_view type) {
  return type.starts_with("site.") || type.starts_with("unit.") || type == "user.created" ||
         type == "user.updated" || type == "customer_care.updated";
}

Status open_archive_task(store::Executor& ex, Instant now, std::int64_t org,
                         Instant first_contact) {
  auto existing = TRY(ex.query_one(
      "SELECT 1 FROM customer_care WHERE organisation_id = $1 AND archive_task_id IS NOT NULL",
      {org}));
  if (existing) return {};
  auto row = TRY(ex.query_one("SELECT name, kind FROM organisations WHERE id = $1", {org}));
  if (!row || row->text(1) != "customer") return {};
  const auto settings = TRY(load_crm_settings(ex));
  NewTicket t;
  t.kind = "archive_task";
  t.permission = "customer_archive.write";
  t.title = "客户档案建档 / Complete the customer archive: " + row->text(0);
  t.description =
      "新客户首次接触后 2 个工作日内建立完整档案：联系人、带地址的场所、设备（或声明没有设备）。\n"
      "Within 2 working days of first contact: a contact, a site with an address, and the units "
      "(or \"no units\" declared).";
  t.organisation_id = org;
  t.channel = "api";
  t.sla_policy_json = archive_policy_json(settings.calendar);
  const Ticket task = TRY(create_ticket(ex, Actor::system("job"), now, t));
  const std::string ts = format_rfc3339(now);
  TRY_VOID(ex.exec(
      "INSERT INTO customer_care (organisation_id, first_contact_at, archive_task_id, updated_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id) DO UPDATE SET first_contact_at = "
      "excluded.first_contact_at, archive_task_id = excluded.archive_task_id, updated_at = "
      "excluded.updated_at",
      {org, format_rfc3339(first_contact), task.id, ts}));
  return {};
}

}  // namespace

Result<int> plan_archive_tasks(store::Executor& ex, Instant now) {
  const auto cursor = TRY(consumer_cursor(ex, kArchiveConsumer));
  const auto events = TRY(read_events(ex, cursor, 500));
  if (events.empty()) return 0;
  int changed = 0;
  bool recheck = false;
  for (const auto& e : events) {
    if (e.type == "organisation.created" && e.record_type == "organisation") {
      TRY_VOID(open_archive_task(ex, now, e.record_id, e.at));
      ++changed;
      recheck = true;
    } else if (touches_archive(e.type)) {
      recheck = true;
    }
  }
  if (recheck) {
    auto open = TRY(
        ex.query("SELECT organisation_id FROM customer_care WHERE archive_task_id IS NOT NULL AND "
                 "archive_completed_at IS NULL ORDER BY organisation_id LIMIT 500"));
    for (const auto& r : open) {
      if (TRY(close_archive_task_if_complete(ex, now, r.i64(0)))) ++changed;
    }
  }
  TRY_VOID(advance_cursor(ex, kArchiveConsumer, events.back().id));
  return changed;
}

}  // namespace fuwu::app
