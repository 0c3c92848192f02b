// Spare parts planning: reservations (/api/v1/parts/reservations), reorder points
// (/api/v1/parts/reorder-points, PUT /api/v1/warehouses/{id}/reorder-points/{part_id}), the
// monthly demand plan (/api/v1/parts/demand-plan, JSON or CSV for purchasing) and supplier
// claims (/api/v1/parts/supplier-claims). See app/parts_planning/planning.h for the rules.
#include "app/parts_planning/planning.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

constexpr IntRange kId{.min = 1};
constexpr TextRule kNote{.max_chars = 2000};

boost::json::object reservation_json(const app::StockReservation& r) {
  return {{"id", r.id},
          {"warehouse_id", r.warehouse_id},
          {"part_id", r.part_id},
          {"part_number", r.part_number},
          {"work_order_id", r.work_order_id},
          {"quantity", r.quantity},
          {"created_at", instant_json(r.created_at)}};
}

boost::json::object reorder_json(const app::ReorderPoint& p) {
  return {{"warehouse_id", p.warehouse_id},
          {"warehouse_code", p.warehouse_code},
          {"part_id", p.part_id},
          {"part_number", p.part_number},
          {"part_name_zh", p.part_name_zh},
          {"min_quantity", p.min_quantity},
          {"reorder_quantity", p.reorder_quantity},
          {"on_hand", p.on_hand},
          {"reserved", p.reserved},
          {"shortfall", p.shortfall}};
}

boost::json::object claim_json(const app::SupplierClaim& c) {
  boost::json::array lines;
  for (const auto& l : c.lines) {
    lines.push_back({{"movement_id", l.movement_id},
                     {"part_id", l.part_id},
                     {"part_number", l.part_number},
                     {"quantity", l.quantity},
                     {"work_order_id", l.work_order_id ? boost::json::value(l.work_order_id)
                                                       : boost::json::value(nullptr)},
                     {"value_cents", l.value_cents},
                     {"returned_at", instant_json(l.returned_at)}});
  }
  return {{"id", c.id},
          {"number", c.number},
          {"supplier_id", c.supplier_id},
          {"supplier_name", c.supplier_name},
          {"note", c.note},
          {"total_cents", c.total_cents},
          {"lines", std::move(lines)},
          {"created_at", instant_json(c.created_at)}};
}

Status list_reservations(ApiContext& ctx) {
  const auto wo = TRY(id_query(ctx, "work_order_id"));
  const auto wh = TRY(id_query(ctx, "warehouse_id"));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items = TRY(app::list_reservations(ex, ctx.actor(), wo, wh));
    boost::json::array out;
    for (const auto& r : items)
      out.push_back(reservation_json(r));
    respond(ctx, 200, boost::json::object{{"items", std::move(out)}});
    return {};
  });
}

Status reserve(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::StockReservation in;
  in.warehouse_id = r.integer("warehouse_id", Presence::required, kId).value_or(0);
  in.part_id = r.integer("part_id", Presence::required, kId).value_or(0);
  in.work_order_id = r.integer("work_order_id", Presence::required, kId).value_or(0);
  in.quantity = r.integer("quantity", Presence::required, {.min = 1, .max = 1000000}).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto res = TRY(app::reserve_stock(ex, ctx.actor(), ctx.now(), in));
    respond(ctx, 201, reservation_json(res));
    return {};
  });
}

Status release(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::release_reservation(ex, ctx.actor(), ctx.now(), id));
    ctx.response.status = 204;
    return {};
  });
}

Status reorder_points(ApiContext& ctx) {
  const auto below = ctx.query("below");
  if (below && *below != "true" && *below != "false") {
    return Error(ErrorCode::invalid_request, "below is true or false")
        .with_field("below", "invalid_format", "true or false");
  }
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items = TRY(app::list_reorder_points(ex, ctx.actor(), below && *below == "true"));
    boost::json::array out;
    for (const auto& p : items)
      out.push_back(reorder_json(p));
    respond(ctx, 200, boost::json::object{{"items", std::move(out)}});
    return {};
  });
}

Status put_reorder_point(ApiContext& ctx) {
  app::ReorderPoint in;
  in.warehouse_id = TRY(ctx.id_param());
  in.part_id = TRY(ctx.id_param("part_id"));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const IntRange qty{.min = 0, .max = 1000000};
  in.min_quantity = r.integer("min_quantity", Presence::required, qty).value_or(0);
  in.reorder_quantity = r.integer("reorder_quantity", Presence::optional, qty).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto p = TRY(app::set_reorder_point(ex, ctx.actor(), ctx.now(), in));
    respond(ctx, 200, reorder_json(p));
    return {};
  });
}

// GET /api/v1/parts/demand-plan?month=2026-08&history_months=6&format=csv|xlsx
Status demand_plan(ApiContext& ctx) {
  Date month = civil_from_days((ctx.now().unix_seconds + 8 * 3600) / 86400);
  month = Date{month.month == 12 ? month.year + 1 : month.year, month.month % 12 + 1, 1};
  if (auto text = ctx.query("month")) {
    auto parsed = parse_date(*text + "-01");
    if (text->size() != 7 || !parsed) {
      return Error(ErrorCode::invalid_request, "month is YYYY-MM")
          .with_field("month", "invalid_format", "e.g. 2026-08");
    }
    month = *parsed;
  }
  int history = 6;
  if (auto text = ctx.query("history_months")) {
    char* end = nullptr;
    const long v = std::strtol(text->c_str(), &end, 10);
    if (text->empty() || end != text->c_str() + text->size()) {
      return Error(ErrorCode::invalid_request, "history_months is a whole number")
          .with_field("history_months", "invalid_format", "1 to 24");
    }
    history = static_cast<int>(std::clamp(v, -1L, 1000L));
  }
  const auto format = ctx.query("format").value_or("json");
  if (format != "json" && format != "csv" && format != "xlsx") {
    return Error(ErrorCode::invalid_request, "format is json, csv or xlsx")
        .with_field("format", "not_allowed", "json, csv or xlsx");
  }
  return ctx.read([&](store::Executor& ex) -> Status {
    auto plan = TRY(app::parts_demand_plan(ex, ctx.actor(), month, history));
    if (format == "csv") {
      ctx.response.status = 200;
      ctx.response.set_header("Content-Type", "text/csv; charset=utf-8");
      ctx.response.set_header("Content-Disposition",
                              "attachment; filename=\"parts-demand-" + plan.month + ".csv\"");
      ctx.response.body = aftersales::demand_plan_csv(plan);
      return {};
    }
    if (format == "xlsx") {
      respond_xlsx(ctx, "parts-demand-" + plan.month + ".xlsx",
                   TRY(app::parts_demand_plan_xlsx(plan)));
      return {};
    }
    boost::json::array lines;
    for (const auto& l : plan.lines) {
      const auto& in = l.input;
      boost::json::array monthly;
      for (auto q : in.monthly_consumption)
        monthly.push_back(q);
      lines.push_back({{"part_id", in.part_id},
                       {"part_number", in.number},
                       {"name_zh", in.name_zh},
                       {"unit", in.unit},
                       {"supplier", in.supplier},
                       {"monthly_consumption", std::move(monthly)},
                       {"average", l.average},
                       {"forecast", l.forecast},
                       {"on_hand", in.on_hand},
                       {"reserved", in.reserved},
                       {"available", l.available},
                       {"safety_stock", in.safety},
                       {"lot", in.lot},
                       {"suggested", l.suggested},
                       {"price_cents", in.price_cents},
                       {"amount_cents", l.amount_cents},
                       {"explanation_zh", l.explanation_zh},
                       {"explanation_en", l.explanation_en}});
    }
    boost::json::array history_months;
    for (const auto& m : plan.history)
      history_months.push_back(boost::json::value(m));
    respond(ctx, 200,
            boost::json::object{{"month", plan.month},
                                {"history", std::move(history_months)},
                                {"total_cents", plan.total_cents},
                                {"lines", std::move(lines)}});
    return {};
  });
}

Status list_claims(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto claims = TRY(app::list_supplier_claims(ex, ctx.actor()));
    boost::json::array out;
    for (const auto& c : claims)
      out.push_back(claim_json(c));
    respond(ctx, 200, boost::json::object{{"items", std::move(out)}});
    return {};
  });
}

Status create_claim(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto supplier = r.integer("supplier_id", Presence::required, kId).value_or(0);
  const auto note = r.text("note", Presence::optional, kNote).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::create_supplier_claim(ex, ctx.actor(), ctx.now(), supplier, note));
    ctx.response.set_header("Location", "/api/v1/parts/supplier-claims/" + std::to_string(c.id));
    respond(ctx, 201, claim_json(c));
    return {};
  });
}

Status get_claim(ApiContext& ctx) {
  return get_by_id(ctx, app::get_supplier_claim,
                   [](ApiContext& c, int status, const app::SupplierClaim& claim) {
                     respond(c, status, claim_json(claim));
                   });
}

}  // namespace

void add_parts_planning_routes(Router& router) {
  // Before the parts' own routes: these words are no part id.
  router.add({"GET", "/api/v1/parts/reservations", "listStockReservations", Access::permission,
              "warehouse.read", BodyKind::none, list_reservations});
  router.add({"POST", "/api/v1/parts/reservations", "reserveStock", Access::permission,
              "stock.move", BodyKind::json, reserve});
  router.add({"DELETE", "/api/v1/parts/reservations/{id}", "releaseStockReservation",
              Access::permission, "stock.move", BodyKind::none, release});
  router.add({"GET", "/api/v1/parts/reorder-points", "listReorderPoints", Access::permission,
              "part.read", BodyKind::none, reorder_points});
  router.add({"PUT", "/api/v1/warehouses/{id}/reorder-points/{part_id}", "setReorderPoint",
              Access::permission, "warehouse.write", BodyKind::json, put_reorder_point});
  router.add({"GET", "/api/v1/parts/demand-plan", "getPartsDemandPlan", Access::permission,
              "part.read", BodyKind::none, demand_plan});
  router.add({"GET", "/api/v1/parts/supplier-claims", "listSupplierClaims", Access::permission,
              "part.read", BodyKind::none, list_claims});
  router.add({"POST", "/api/v1/parts/supplier-claims", "createSupplierClaim", Access::permission,
              "part.write", BodyKind::json, create_claim});
  router.add({"GET", "/api/v1/parts/supplier-claims/{id}", "getSupplierClaim", Access::permission,
              "part.read", BodyKind::none, get_claim});
}

}  // namespace fuwu::http
