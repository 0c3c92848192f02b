#include "app/platform/record_access.h"

namespace fuwu::app {

Result<bool> record_visible(store::Executor& ex, const Actor& actor, std::string_view type,
                            std::int64_t id, std::string_view permission) {
  access::RecordOwnership owner;
  if (type == "organisation") {
    auto row = TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {id}));
    if (!row) return false;
    owner.organisation_id = id;
  } else if (type == "user") {
    auto row =
        TRY(ex.query_one("SELECT COALESCE(organisation_id, 0) FROM users WHERE id = $1", {id}));
    if (!row) return false;
    owner.organisation_id = row->i64(0);
    owner.owner_user_id = id;
  } else if (type == "ticket") {
    auto row = TRY(ex.query_one(
        "SELECT COALESCE(organisation_id, 0), COALESCE(requester_id, 0), COALESCE(group_id, 0) "
        "FROM tickets WHERE id = $1",
        {id}));
    if (!row) return false;
    owner = {.organisation_id = row->i64(0), .owner_user_id = row->i64(1), .group_id = row->i64(2)};
  } else if (type == "quote") {
    // A quote is as visible as its work order (a ticket that an engineer reaches once it is
    // dispatched to them).
    auto row = TRY(ex.query_one(
        "SELECT COALESCE(t.organisation_id, 0), COALESCE(t.assignee_id, 0), "
        "COALESCE(t.group_id, 0) FROM quotes q JOIN tickets t ON t.id = q.work_order_id "
        "WHERE q.id = $1",
        {id}));
    if (!row) return false;
    owner = {.organisation_id = row->i64(0), .owner_user_id = row->i64(1), .group_id = row->i64(2)};
  } else if (type == "calendar" || type == "sla_policy") {
    // Shared configuration: reachable by anyone holding the permission, once it exists. A
    // deleted one keeps its journal.
    auto row = TRY(ex.query_one(
        type == "calendar"
            ? "SELECT 1 WHERE EXISTS (SELECT 1 FROM calendars WHERE id = $1) OR EXISTS (SELECT 1 "
              "FROM audit_entries WHERE record_type = 'calendar' AND record_id = $1)"
            : "SELECT 1 WHERE EXISTS (SELECT 1 FROM sla_policies WHERE id = $1) OR EXISTS (SELECT "
              "1 FROM audit_entries WHERE record_type = 'sla_policy' AND record_id = $1)",
        {id}));
    if (!row) return false;
    return access::scope_for(actor.principal, permission) == access::Scope::all;
  } else if (type == "catalogue_service" || type == "catalogue_item" || type == "priority_matrix") {
    // Shared configuration, like calendars: reachable with the permission at scope all.
    auto row = TRY(
        ex.query_one(type == "catalogue_service" ? "SELECT 1 FROM catalogue_services WHERE id = $1"
                     : type == "catalogue_item"  ? "SELECT 1 FROM catalogue_items WHERE id = $1"
                                                : "SELECT 1 FROM audit_entries WHERE record_type = "
                                                  "'priority_matrix' AND record_id = $1",
                     {id}));
    if (!row) return false;
    return access::scope_for(actor.principal, permission) == access::Scope::all;
  } else if (type == "follow_up") {
    // A follow-up (回访) follows its customer; "own" reaches its assignee.
    auto row = TRY(ex.query_one(
        "SELECT organisation_id, COALESCE(assignee_id, 0) FROM follow_ups WHERE id = $1", {id}));
    if (!row) return false;
    owner = {.organisation_id = row->i64(0), .owner_user_id = row->i64(1)};
  } else if (type == "crm_settings" || type == "aftersales_settings") {
    auto row =
        TRY(ex.query_one(type == "crm_settings" ? "SELECT 1 FROM crm_settings WHERE id = $1"
                                                : "SELECT 1 FROM aftersales_settings WHERE id = $1",
                         {id}));
    if (!row) return false;
    return access::scope_for(actor.principal, permission) == access::Scope::all;
  } else if (type == "api_token") {
    auto row = TRY(ex.query_one("SELECT user_id FROM api_tokens WHERE id = $1", {id}));
    if (!row) return false;
    owner.owner_user_id = row->i64(0);
  } else if (type == "group") {
    auto row =
        TRY(ex.query_one("SELECT COALESCE(organisation_id, 0) FROM groups WHERE id = $1", {id}));
    if (!row) return false;
    owner.organisation_id = row->i64(0);
    owner.group_id = id;
  } else if (type == "site") {
    // A site follows its organisation's visibility.
    auto row = TRY(ex.query_one("SELECT organisation_id FROM sites WHERE id = $1", {id}));
    if (!row) return false;
    owner.organisation_id = row->i64(0);
  } else if (type == "unit") {
    // A sold unit follows its customer organisation's visibility.
    auto row = TRY(ex.query_one("SELECT organisation_id FROM units WHERE id = $1", {id}));
    if (!row) return false;
    owner.organisation_id = row->i64(0);
  } else if (type == "product_line" || type == "product_model" || type == "service_centre" ||
             type == "part" || type == "warehouse" || type == "stock_movement" ||
             type == "response_terms" || type == "monthly_statistics") {
    // After-sales configuration and stock, and approved monthly statistics (id YYYYMM): every one
    // has a journal from its creation; only an "all" scope reaches it.
    auto row = TRY(ex.query_one(
        "SELECT 1 FROM audit_entries WHERE record_type = $1 AND record_id = $2 LIMIT 1",
        {std::string(type), id}));
    if (!row) return false;
    return access::scope_for(actor.principal, permission) == access::Scope::all;
  } else if (type == "role") {
    // Roles belong to nobody: only an "all" scope reaches them.
    auto row = TRY(ex.query_one("SELECT id FROM roles WHERE id = $1", {id}));
    if (!row) return false;
  } else {
    return false;
  }
  return access::may(actor.principal, permission, owner);
}

}  // namespace fuwu::app
