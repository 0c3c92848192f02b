// The query of a KPI dashboard or drill-down: validated, and within the caller's reach.
#include "app/kpi/kpi.h"

namespace fuwu::app {

Result<KpiScopeCheck> check_kpi_query(store::Executor& ex, const Actor& actor, Instant now,
                                      const KpiQuery& q) {
  Error invalid(ErrorCode::validation_failed, "the KPI query is not valid");
  const bool all = q.scope == "all";
  if (!all && q.scope != "centre" && q.scope != "engineer" && q.scope != "contract") {
    invalid.with_field("scope", "not_allowed", "all, centre, engineer or contract");
  } else if (!all && q.id <= 0) {
    invalid.with_field("id", "required", "the centre, engineer or customer organisation id");
  }
  const auto month = kpi::parse_month(q.month);
  if (!month) {
    invalid.with_field("month", q.month.empty() ? "required" : "invalid_format", "YYYY-MM");
  } else if (kpi::month_start(*month) > now) {
    invalid.with_field("month", "out_of_range", "this month or an earlier one");
  }
  if (!invalid.fields.empty()) return invalid;

  const auto reach = access::scope_for(actor.principal, "kpi.read");
  if (!reach) return Error(ErrorCode::permission_denied, "you may not read the KPIs");
  Error missing(ErrorCode::not_found, "no such " + q.scope);
  if (*reach != access::Scope::all &&
      (q.scope != "contract" || q.id != actor.principal.organisation_id)) {
    return missing;
  }
  KpiScopeCheck out;
  if (q.scope == "centre") {
    auto r = TRY(ex.query_one("SELECT name_zh FROM service_centres WHERE id = $1", {q.id}));
    if (!r) return missing;
    out.name = r->text(0);
  } else if (q.scope == "engineer") {
    auto r = TRY(ex.query_one(
        "SELECT CASE WHEN u.display_name = '' THEN u.login ELSE u.display_name END FROM "
        "engineers e JOIN users u ON u.id = e.user_id WHERE e.user_id = $1",
        {q.id}));
    if (!r) return missing;
    out.name = r->text(0);
  } else if (q.scope == "contract") {
    auto r = TRY(ex.query_one(
        "SELECT o.name, COALESCE(t.contract, '') FROM organisations o LEFT JOIN response_terms t "
        "ON t.organisation_id = o.id WHERE o.id = $1 AND o.kind = 'customer'",
        {q.id}));
    if (!r) return missing;
    out.name = r->text(0);
    out.contract = r->text(1);
  }
  return out;
}

std::string kpi_scope_column(const std::string& scope) {
  if (scope == "centre") return "service_centre_id";
  if (scope == "engineer") return "engineer_id";
  if (scope == "contract") return "organisation_id";
  return "";
}

std::string kpi_complaints_from(const std::string& scope) {
  std::string sql =
      "FROM complaints c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN work_order_facts f ON "
      "f.ticket_id = c.work_order_id LEFT JOIN engineers e ON e.user_id = "
      "COALESCE(c.engineer_id, f.engineer_id) WHERE c.received_at >= $1 AND c.received_at < $2 "
      "AND c.attributable = 1 AND COALESCE(c.is_complaint, 1) = 1 AND ";
  if (scope == "centre") return sql + "COALESCE(f.service_centre_id, e.service_centre_id) = $3";
  if (scope == "engineer") return sql + "COALESCE(c.engineer_id, f.engineer_id) = $3";
  if (scope == "contract") return sql + "c.organisation_id = $3";
  return sql + "$3 = 0";
}

}  // namespace fuwu::app
