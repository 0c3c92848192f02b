// GET /api/v1/statistics/monthly, POST /api/v1/statistics/monthly/{month}/approve and
// GET /api/v1/statistics/monthly/{month}.xlsx / .pdf: the monthly statistics (app/statistics).
#include "app/statistics/statistics.h"
#include "http/handlers/common.h"
#include "http/handlers/download.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::object figures_json(const app::StatFigures& f) {
  return {{"orders", f.orders},
          {"repaired", f.repaired},
          {"cancelled", f.cancelled},
          {"in_warranty", f.in_warranty},
          {"parts_cost_cents", f.parts_cost_cents},
          {"fees_cents", f.fees_cents}};
}

boost::json::array rows_json(const std::vector<app::StatRow>& rows, bool with_id) {
  boost::json::array out;
  for (const auto& r : rows) {
    auto o = figures_json(r.figures);
    if (with_id) o["id"] = r.id ? boost::json::value(r.id) : nullptr;
    o["key"] = r.key;
    o["label_zh"] = r.label_zh;
    o["label_en"] = r.label_en;
    out.push_back(std::move(o));
  }
  return out;
}

void respond_statistics(ApiContext& ctx, const app::MonthlyStatistics& st) {
  boost::json::array parts;
  for (const auto& p : st.by_part) {
    parts.push_back({{"part_id", p.part_id},
                     {"number", p.number},
                     {"name_zh", p.name_zh},
                     {"name_en", p.name_en},
                     {"orders", p.orders},
                     {"consumed", p.consumed},
                     {"returned_faulty", p.returned_faulty},
                     {"returned_unused", p.returned_unused},
                     {"cost_cents", p.cost_cents}});
  }
  boost::json::value approval = nullptr;
  if (st.approval) {
    const auto& a = *st.approval;
    approval = boost::json::object{
        {"approved_by", a.approved_by ? boost::json::value(a.approved_by) : nullptr},
        {"approved_by_login", a.approved_by_login},
        {"approved_at", instant_json(a.approved_at)},
        {"note", a.note},
        {"distribute_at",
         a.distribute_at ? boost::json::value(instant_json(*a.distribute_at)) : nullptr},
        {"distributed_at",
         a.distributed_at ? boost::json::value(instant_json(*a.distributed_at)) : nullptr},
        {"recipients", a.recipients}};
  }
  respond(ctx, 200,
          boost::json::object{
              {"month", st.month},
              {"totals", figures_json(st.totals)},
              {"complaints",
               boost::json::object{
                   {"received", st.complaints.received},
                   {"attributable", st.complaints.attributable},
                   {"rate_percent",
                    st.complaints.rate_bp < 0
                        ? boost::json::value(nullptr)
                        : boost::json::value(static_cast<double>(st.complaints.rate_bp) / 100.0)}}},
              {"by_product", rows_json(st.by_product, true)},
              {"by_fault", rows_json(st.by_fault, false)},
              {"by_fault_code", rows_json(st.by_fault_code, true)},
              {"by_part", std::move(parts)},
              {"by_centre", rows_json(st.by_centre, true)},
              {"by_engineer", rows_json(st.by_engineer, true)},
              {"approval", std::move(approval)},
              {"xlsx", "/api/v1/statistics/monthly/" + st.month + ".xlsx"},
              {"pdf", "/api/v1/statistics/monthly/" + st.month + ".pdf"}});
}

Status get_monthly(ApiContext& ctx) {
  const std::string month = ctx.query("month").value_or("");
  app::MonthlyStatistics st;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    st = TRY(app::monthly_statistics(ex, ctx.actor(), ctx.now(), month));
    return {};
  }));
  respond_statistics(ctx, st);
  return {};
}

Status approve(ApiContext& ctx) {
  const std::string month(ctx.params.get("month"));
  std::string note;
  if (!ctx.request.body.empty()) {
    auto body = TRY(read_json_body(ctx));
    auto& r = *body.reader;
    note = r.text("note", Presence::optional, {.max_chars = 2000}).value_or("");
    TRY_VOID(r.finish());
  }
  return ctx.write([&](store::Executor& ex) -> Status {
    auto st = TRY(app::approve_monthly_statistics(ex, ctx.actor(), ctx.now(), month, note));
    respond_statistics(ctx, st);
    return {};
  });
}

Result<app::MonthlyStatistics> read_month(ApiContext& ctx) {
  const std::string month(ctx.params.get("month"));
  app::MonthlyStatistics st;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    st = TRY(app::monthly_statistics(ex, ctx.actor(), ctx.now(), month));
    return {};
  }));
  return st;
}

Status download(ApiContext& ctx) {
  const auto st = TRY(read_month(ctx));
  respond_xlsx(ctx, "statistics-" + st.month + ".xlsx", TRY(app::monthly_statistics_xlsx(st)));
  return {};
}

// The PDF in the language of ?lang= or Accept-Language (Chinese unless English is asked for).
Status download_pdf(ApiContext& ctx) {
  const auto lang = TRY(document_language(ctx));
  const auto st = TRY(read_month(ctx));
  respond_pdf(ctx, "statistics-" + st.month + ".pdf",
              TRY(app::monthly_statistics_pdf(st, lang, ctx.now())));
  return {};
}

}  // namespace

void add_statistics_routes(Router& router) {
  router.add({"GET", "/api/v1/statistics/monthly", "getMonthlyStatistics", Access::permission,
              "statistics.read", BodyKind::none, get_monthly});
  router.add({"POST", "/api/v1/statistics/monthly/{month}/approve", "approveMonthlyStatistics",
              Access::permission, "statistics.approve", BodyKind::json, approve});
  router.add({"GET", "/api/v1/statistics/monthly/{month}.xlsx", "downloadMonthlyStatistics",
              Access::permission, "statistics.read", BodyKind::none, download});
  router.add({"GET", "/api/v1/statistics/monthly/{month}.pdf", "downloadMonthlyStatisticsPdf",
              Access::permission, "statistics.read", BodyKind::none, download_pdf});
}

}  // namespace fuwu::http
