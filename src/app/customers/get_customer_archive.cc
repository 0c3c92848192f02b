#include <cstdio>

#include "app/customers/customer_archive.h"
#include "app/units/unit.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {
namespace {

Date today_in_china(Instant now) {
  return civil_from_days((now.unix_seconds + 8 * 3600) / 86400);
}

// The most recent tickets of the organisation of some kinds (or all but `exclude`), newest first.
Result<std::vector<ArchiveRecord>> recent_tickets(store::Executor& ex, std::int64_t org,
                                                  const std::string& kind_clause, int limit) {
  auto rows = TRY(ex.query(
      "SELECT id, kind, number, title, state, created_at FROM tickets WHERE organisation_id = $1 "
      "AND " +
          kind_clause + " ORDER BY id DESC LIMIT $2",
      {org, std::int64_t{limit}}));
  std::vector<ArchiveRecord> out;
  for (const auto& r : rows) {
    out.push_back({r.text(1), r.i64(0), r.text(2), r.text(3), r.text(4),
                   parse_rfc3339(r.text(5)).value_or(Instant{})});
  }
  return out;
}

}  // namespace

Result<CustomerArchive> get_customer_archive(store::Executor& ex, const Actor& actor, Instant now,
                                             std::int64_t organisation_id, int recent) {
  if (!access::can(actor.principal, "customer_archive.read")) {
    return Error(ErrorCode::permission_denied, "you may not read customer archives");
  }
  auto org = TRY(ex.query_one(
      "SELECT id, name, kind, COALESCE(code, ''), COALESCE(region_code, '') FROM organisations "
      "WHERE id = $1",
      {organisation_id}));
  if (!org || !access::may(actor.principal, "customer_archive.read",
                           {.organisation_id = organisation_id})) {
    return Error(ErrorCode::not_found, "no such customer");
  }
  CustomerArchive a;
  a.organisation_id = organisation_id;
  a.name = org->text(1);
  a.kind = org->text(2);
  a.code = org->text(3);
  a.region_code = org->text(4);
  for (const auto& r : TRY(ex.query(
           "SELECT id, name, address FROM sites WHERE organisation_id = $1 ORDER BY id LIMIT 200",
           {organisation_id}))) {
    a.sites.push_back({r.i64(0), r.text(1), r.text(2)});
  }
  for (const auto& r : TRY(ex.query(
           "SELECT id, display_name, COALESCE(email, ''), COALESCE(phone, ''), kind FROM users "
           "WHERE organisation_id = $1 AND disabled = 0 ORDER BY id LIMIT 200",
           {organisation_id}))) {
    a.contacts.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4)});
  }
  const Date today = today_in_china(now);
  for (const auto& r :
       TRY(ex.query("SELECT id FROM units WHERE organisation_id = $1 ORDER BY id LIMIT 200",
                    {organisation_id}))) {
    auto unit = TRY(find_unit(ex, r.i64(0)));
    if (!unit) continue;
    ArchiveUnit u;
    u.id = unit->id;
    u.serial = unit->serial;
    u.site_id = unit->site_id;
    auto w = warranty_of(ex, *unit, "", today);
    if (w.ok()) {
      u.model_code = w->model.code;
      u.model_name_zh = w->model.name_zh;
      u.model_name_en = w->model.name_en;
      u.in_warranty = w->whole.in_warranty;
      u.warranty_reason = std::string(aftersales::reason_name(w->whole.reason));
      u.warranty_ends_on = w->whole.ends_on;
    }
    a.units.push_back(std::move(u));
  }
  const auto terms = TRY(terms_for(ex, organisation_id));
  a.contract = terms.contract;
  a.response_terms_inherited = terms.organisation_id != organisation_id || terms.version == 0;
  a.response_terms = terms.version == 0 ? "" : response_terms_text(terms.terms);

  a.sections.emplace_back(
      "tickets",
      TRY(recent_tickets(ex, organisation_id,
                         "kind NOT IN ('work_order', 'complaint', 'archive_task')", recent)));
  a.sections.emplace_back("work_orders",
                          TRY(recent_tickets(ex, organisation_id, "kind = 'work_order'", recent)));
  a.sections.emplace_back("complaints",
                          TRY(recent_tickets(ex, organisation_id, "kind = 'complaint'", recent)));
  std::vector<ArchiveRecord> follow_ups;
  for (const auto& r : TRY(ex.query(
           "SELECT id, method, state, created_at FROM follow_ups WHERE organisation_id = $1 "
           "ORDER BY id DESC LIMIT $2",
           {organisation_id, std::int64_t{recent}}))) {
    follow_ups.push_back({"follow_up", r.i64(0), "", r.text(1), r.text(2),
                          parse_rfc3339(r.text(3)).value_or(Instant{})});
  }
  a.sections.emplace_back("follow_ups", std::move(follow_ups));
  // Satisfaction survey answers (survey_responses): the score and its band.
  std::vector<ArchiveRecord> surveys;
  for (const auto& r :
       TRY(ex.query("SELECT id, score_percent, band, submitted_at FROM survey_responses WHERE "
                    "organisation_id = $1 ORDER BY id DESC LIMIT $2",
                    {organisation_id, std::int64_t{recent}}))) {
    char score[32];
    std::snprintf(score, sizeof score, "%.1f %%", r.f64(1));
    surveys.push_back({"survey_response", r.i64(0), "", score, r.text(2),
                       parse_rfc3339(r.text(3)).value_or(Instant{})});
  }
  a.sections.emplace_back("survey_responses", std::move(surveys));
  // Other kinds registered by their own modules.
  for (const auto& [name, loader] : archive_sections()) {
    a.sections.emplace_back(name, TRY(loader(ex, organisation_id, recent)));
  }

  a.care = TRY(find_customer_care(ex, organisation_id));
  a.facts = TRY(archive_facts(ex, organisation_id, a.care.no_units));
  a.gaps = crm::archive_gaps(a.facts);
  if (a.care.archive_task_id) {
    auto due = TRY(ex.query_one("SELECT sla_due_at FROM tickets WHERE id = $1 AND state = 'open'",
                                {a.care.archive_task_id}));
    if (due && !due->is_null(0)) a.archive_due_at = parse_rfc3339(due->text(0));
  }
  return a;
}

}  // namespace fuwu::app
