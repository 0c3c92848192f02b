#include "app/customers/customer_archive.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"
#include "domain/crm/follow_up.h"

namespace fuwu::app {
namespace {

store::Value owner_value(std::int64_t id) {
  if (id == 0) return store::Value(store::Null{});
  return store::Value(id);
}

}  // namespace

Result<CustomerCare> set_customer_care(store::Executor& ex, const Actor& actor, Instant now,
                                       std::int64_t organisation_id, std::int64_t expected_version,
                                       const CustomerCarePatch& p) {
  if (!access::can(actor.principal, "customer_archive.write")) {
    return Error(ErrorCode::permission_denied, "you may not change customer care settings");
  }
  auto org = TRY(ex.query_one("SELECT 1 FROM organisations WHERE id = $1", {organisation_id}));
  if (!org || !access::may(actor.principal, "customer_archive.write",
                           {.organisation_id = organisation_id})) {
    return Error(ErrorCode::not_found, "no such customer");
  }
  const CustomerCare old = TRY(find_customer_care(ex, organisation_id));
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the customer's care settings were changed by someone else; reload and retry");
  }
  CustomerCare c = old;
  if (p.key_customer) c.key_customer = *p.key_customer;
  if (p.visit_interval_days) c.visit_interval_days = *p.visit_interval_days;
  if (p.visit_method) c.visit_method = *p.visit_method;
  if (p.next_visit_on) c.next_visit_on = *p.next_visit_on;
  if (p.no_units) c.no_units = *p.no_units;
  if (p.care_owner_id) c.care_owner_id = *p.care_owner_id;
  Error invalid(ErrorCode::validation_failed, "the care settings are not valid");
  if (c.visit_interval_days < 0 || c.visit_interval_days > 366) {
    invalid.with_field("visit_interval_days", "out_of_range", "0 to 366 days");
  }
  if (!crm::valid_method(c.visit_method)) {
    invalid.with_field("visit_method", "not_allowed", "phone, visit, letter or message");
  }
  if (c.key_customer && c.visit_interval_days < 1) {
    invalid.with_field("visit_interval_days", "required", "a key customer is visited every N days");
  }
  if (c.care_owner_id != old.care_owner_id && c.care_owner_id != 0) {
    auto staff = TRY(ex.query_one(
        "SELECT 1 FROM users WHERE id = $1 AND disabled = 0 AND kind = 'user' AND role <> "
        "'customer'",
        {c.care_owner_id}));
    if (!staff) invalid.with_field("care_owner_id", "not_found", "an active member of staff");
  }
  if (!invalid.fields.empty()) return invalid;
  // A key customer without a date gets its first visit one interval from today.
  if (c.key_customer && !c.next_visit_on) {
    c.next_visit_on = crm::next_visit_on(civil_from_days((now.unix_seconds + 8 * 3600) / 86400),
                                         c.visit_interval_days);
  }
  const std::string ts = format_rfc3339(now);
  const store::Value next =
      c.next_visit_on ? store::Value(format_date(*c.next_visit_on)) : store::Value(store::Null{});
  if (old.version == 0) {
    TRY_VOID(ex.exec(
        "INSERT INTO customer_care (organisation_id, key_customer, visit_interval_days, "
        "visit_method, next_visit_on, no_units, version, updated_at, care_owner_id) VALUES ($1, "
        "$2, $3, $4, $5, $6, 1, $7, $8)",
        {organisation_id, std::int64_t{c.key_customer}, std::int64_t{c.visit_interval_days},
         c.visit_method, next, std::int64_t{c.no_units}, ts, owner_value(c.care_owner_id)}));
  } else {
    TRY_VOID(ex.exec(
        "UPDATE customer_care SET key_customer = $2, visit_interval_days = $3, visit_method = $4, "
        "next_visit_on = $5, no_units = $6, version = version + 1, updated_at = $7, "
        "care_owner_id = $8 WHERE organisation_id = $1",
        {organisation_id, std::int64_t{c.key_customer}, std::int64_t{c.visit_interval_days},
         c.visit_method, next, std::int64_t{c.no_units}, ts, owner_value(c.care_owner_id)}));
  }
  auto b = [](bool v) { return std::string(v ? "true" : "false"); };
  auto d = [](const std::optional<Date>& v) {
    return v ? std::optional(format_date(*v)) : std::nullopt;
  };
  ChangeSet changes;
  changes.add("key_customer", b(old.key_customer), b(c.key_customer));
  changes.add("visit_interval_days", std::to_string(old.visit_interval_days),
              std::to_string(c.visit_interval_days));
  changes.add("visit_method", old.visit_method, c.visit_method);
  changes.add("next_visit_on", d(old.next_visit_on), d(c.next_visit_on));
  changes.add("no_units", b(old.no_units), b(c.no_units));
  changes.add("care_owner_id", id_text(old.care_owner_id), id_text(c.care_owner_id));
  TRY_VOID(write_audit(ex, actor, now, "organisation", organisation_id, "customer_care",
                       changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "customer_care.updated", "organisation", organisation_id));
  // Declaring "no units" may complete the archive.
  TRY_VOID(close_archive_task_if_complete(ex, now, organisation_id));
  return find_customer_care(ex, organisation_id);
}

}  // namespace fuwu::app
