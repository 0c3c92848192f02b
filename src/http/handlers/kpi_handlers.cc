// GET /api/v1/kpis and /api/v1/kpis/records: the service-quality figures of a month with
// targets, traffic lights and definitions, and the work orders behind each figure (app/kpi).
#include <cstdio>

#include "app/kpi/kpi.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

Result<app::KpiQuery> kpi_query(const ApiContext& ctx) {
  app::KpiQuery q;
  q.scope = ctx.query("scope").value_or("");
  q.month = ctx.query("month").value_or("");
  q.id = TRY(id_query(ctx, "id")).value_or(0);
  return q;
}

// Where a record behind a figure lives: the complaint, the survey's ticket or the work order.
std::string record_href(const app::KpiRecord& x) {
  const char* base = x.complaint     ? "/api/v1/complaints/"
                     : x.response_id ? "/api/v1/tickets/"
                                     : "/api/v1/work-orders/";
  return base + std::to_string(x.ticket_id);
}

std::string records_link(const app::KpiReport& r, std::string_view kpi) {
  std::string link = "/api/v1/kpis/records?scope=" + r.scope;
  if (r.scope != "all") link += "&id=" + std::to_string(r.id);
  return link + "&month=" + r.month + "&kpi=" + std::string(kpi);
}

std::string bound_text(const kpi::Definition& d) {
  char buf[64];
  const char* op = d.better == kpi::Better::higher ? "≥" : (d.strict ? "<" : "≤");
  std::snprintf(buf, sizeof buf, "%s %g%s", op, d.target,
                d.unit == kpi::Unit::percent ? " %" : " h");
  return buf;
}

Status get_kpis(ApiContext& ctx) {
  const auto q = TRY(kpi_query(ctx));
  app::KpiReport r;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    r = TRY(app::get_kpis(ex, ctx.actor(), ctx.now(), q));
    return {};
  }));
  boost::json::array figures;
  for (const auto& f : r.figures) {
    const auto& d = kpi::definition(f.figure.kpi);
    const bool higher = d.better == kpi::Better::higher;
    figures.push_back(
        {{"kpi", d.slug},
         {"name_zh", d.name_zh},
         {"name_en", d.name_en},
         {"definition_zh", d.definition_zh},
         {"definition_en", d.definition_en},
         {"unit", d.unit == kpi::Unit::percent ? "percent" : "hours"},
         {"better", higher ? "higher" : "lower"},
         {"target", d.target},
         {"target_text", bound_text(d)},
         {"amber_limit", higher ? d.target - d.amber : d.target + d.amber},
         {"available", f.available},
         {"value", f.figure.value ? boost::json::value(*f.figure.value) : nullptr},
         {"numerator", f.figure.numerator},
         {"denominator", f.figure.denominator},
         {"light", kpi::light_slug(f.figure.light)},
         {"records", f.available ? boost::json::value(records_link(r, d.slug)) : nullptr}});
  }
  respond(ctx, 200,
          boost::json::object{
              {"scope", r.scope},
              {"id", r.scope == "all" ? boost::json::value(nullptr) : boost::json::value(r.id)},
              {"month", r.month},
              {"name", r.name},
              {"contract", r.contract},
              {"orders", r.orders},
              {"orders_records", records_link(r, "orders")},
              {"figures", std::move(figures)}});
  return {};
}

Status list_records(ApiContext& ctx) {
  const auto q = TRY(kpi_query(ctx));
  const auto page = TRY(page_request(ctx, "kpi-records"));
  const std::string kpi = ctx.query("kpi").value_or("");
  app::KpiRecordPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result =
        TRY(app::list_kpi_records(ex, ctx.actor(), ctx.now(), q, kpi, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& x : result.items) {
    items.push_back({{"response_id", x.response_id ? boost::json::value(x.response_id) : nullptr},
                     {"ticket_id", x.ticket_id ? boost::json::value(x.ticket_id) : nullptr},
                     {"number", x.number},
                     {"title", x.title},
                     {"state", x.state},
                     {"service_centre_id", x.service_centre_id},
                     {"engineer_id", x.engineer_id ? boost::json::value(x.engineer_id) : nullptr},
                     {"numerator", x.numerator},
                     {"denominator", x.denominator},
                     {"due_at", x.due_at ? boost::json::value(instant_json(*x.due_at)) : nullptr},
                     {"resolved_at",
                      x.resolved_at ? boost::json::value(instant_json(*x.resolved_at)) : nullptr},
                     {"href", !x.ticket_id ? boost::json::value(nullptr)
                                           : boost::json::value(record_href(x))}});
  }
  respond_page(ctx, std::move(items), "kpi-records", result.next_before_id);
  return {};
}

}  // namespace

void add_kpi_routes(Router& router) {
  router.add(
      {"GET", "/api/v1/kpis", "getKpis", Access::permission, "kpi.read", BodyKind::none, get_kpis});
  router.add({"GET", "/api/v1/kpis/records", "listKpiRecords", Access::permission, "kpi.read",
              BodyKind::none, list_records});
}

}  // namespace fuwu::http
