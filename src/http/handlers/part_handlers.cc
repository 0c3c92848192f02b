// /api/v1/parts, /api/v1/warehouses, /api/v1/stock-movements: spare parts, where they are, and
// every movement of stock. See app/parts/part.h for the rules.
#include "app/parts/part.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

constexpr TextRule kCode{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kShort{.max_chars = 200, .single_line = true};
constexpr TextRule kUnit{.min_chars = 1, .max_chars = 10, .single_line = true};
constexpr TextRule kNote{.max_chars = 2000};
constexpr IntRange kId{.min = 1};

boost::json::value id_or_null(std::int64_t v) {
  return v ? boost::json::value(v) : boost::json::value(nullptr);
}

boost::json::object part_json(const app::Part& p) {
  return {{"id", p.id},
          {"number", p.number},
          {"name_zh", p.name_zh},
          {"name_en", p.name_en},
          {"unit", p.unit},
          {"price_cents", p.price_cents},
          {"warranty_months", p.warranty_months},
          {"returnable", p.returnable},
          {"supplier_id", id_or_null(p.supplier_id)},
          {"version", p.version},
          {"created_at", instant_json(p.created_at)},
          {"updated_at", instant_json(p.updated_at)}};
}

boost::json::object warehouse_json(const app::Warehouse& w) {
  boost::json::array stock;
  for (const auto& s : w.stock) {
    stock.push_back({{"part_id", s.part_id},
                     {"part_number", s.part_number},
                     {"condition", s.condition},
                     {"quantity", s.quantity}});
  }
  return {{"id", w.id},
          {"code", w.code},
          {"name_zh", w.name_zh},
          {"kind", w.kind},
          {"service_centre_id", id_or_null(w.service_centre_id)},
          {"engineer_id", id_or_null(w.engineer_id)},
          {"stock", std::move(stock)},
          {"version", w.version},
          {"created_at", instant_json(w.created_at)},
          {"updated_at", instant_json(w.updated_at)}};
}

boost::json::object movement_json(const app::StockMovement& m) {
  return {{"id", m.id},
          {"kind", m.kind},
          {"part_id", m.part_id},
          {"quantity", m.quantity},
          {"condition", m.condition},
          {"from_warehouse_id", id_or_null(m.from_warehouse_id)},
          {"to_warehouse_id", id_or_null(m.to_warehouse_id)},
          {"work_order_id", id_or_null(m.work_order_id)},
          {"note", m.note},
          {"actor_id", id_or_null(m.actor_id)},
          {"created_at", instant_json(m.created_at)}};
}

void respond_part(ApiContext& ctx, int status, const app::Part& p) {
  ctx.response.set_header("ETag", etag(p.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/parts/" + std::to_string(p.id));
  respond(ctx, status, part_json(p));
}

void respond_warehouse(ApiContext& ctx, int status, const app::Warehouse& w) {
  ctx.response.set_header("ETag", etag(w.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/warehouses/" + std::to_string(w.id));
  }
  respond(ctx, status, warehouse_json(w));
}

Status list_parts(ApiContext& ctx) {
  std::vector<app::Part> parts;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    parts = TRY(app::list_parts(ex, ctx.actor()));
    return {};
  }));
  boost::json::array items;
  for (const auto& p : parts)
    items.push_back(part_json(p));
  respond_page(ctx, std::move(items), "", std::nullopt);
  return {};
}

Status create_part(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::Part in;
  in.number = r.text("number", Presence::required, kCode).value_or("");
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.name_en = r.text("name_en", Presence::optional, kShort).value_or("");
  in.unit = r.text("unit", Presence::optional, kUnit).value_or("个");
  in.price_cents = r.integer("price_cents", Presence::optional, {.min = 0}).value_or(0);
  in.warranty_months = static_cast<int>(
      r.integer("warranty_months", Presence::optional, {.min = 0, .max = 600}).value_or(0));
  in.returnable = r.boolean("returnable").value_or(false);
  in.supplier_id = r.integer("supplier_id", Presence::optional, kId).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto p = TRY(app::create_part(ex, ctx.actor(), ctx.now(), in));
    respond_part(ctx, 201, p);
    return {};
  });
}

Status get_part(ApiContext& ctx) {
  return get_by_id(ctx, app::get_part, respond_part);
}

Status patch_part(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::PartPatch p;
  p.name_zh = r.text("name_zh", Presence::optional, kName);
  p.name_en = r.text("name_en", Presence::optional, kShort);
  p.unit = r.text("unit", Presence::optional, kUnit);
  p.price_cents = r.integer("price_cents", Presence::optional, {.min = 0});
  if (auto m = r.integer("warranty_months", Presence::optional, {.min = 0, .max = 600})) {
    p.warranty_months = static_cast<int>(*m);
  }
  p.returnable = r.boolean("returnable");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto part = TRY(app::update_part(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_part(ctx, 200, part);
    return {};
  });
}

Status list_warehouses(ApiContext& ctx) {
  std::vector<app::Warehouse> all;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    all = TRY(app::list_warehouses(ex, ctx.actor()));
    return {};
  }));
  boost::json::array items;
  for (const auto& w : all)
    items.push_back(warehouse_json(w));
  respond_page(ctx, std::move(items), "", std::nullopt);
  return {};
}

Status create_warehouse(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewWarehouse in;
  in.code = r.text("code", Presence::required, kCode).value_or("");
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.kind = r.one_of("kind", {"central", "centre", "engineer"}, Presence::required).value_or("");
  in.service_centre_id = r.integer("service_centre_id", Presence::optional, kId).value_or(0);
  in.engineer_id = r.integer("engineer_id", Presence::optional, kId).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto w = TRY(app::create_warehouse(ex, ctx.actor(), ctx.now(), in));
    respond_warehouse(ctx, 201, w);
    return {};
  });
}

Status get_warehouse(ApiContext& ctx) {
  return get_by_id(ctx, app::get_warehouse, respond_warehouse);
}

Status list_movements(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "stock-movements"));
  app::MovementFilter f;
  f.part_id = TRY(id_query(ctx, "part_id"));
  f.warehouse_id = TRY(id_query(ctx, "warehouse_id"));
  f.work_order_id = TRY(id_query(ctx, "work_order_id"));
  app::MovementPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_stock_movements(ex, ctx.actor(), f, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& m : result.items)
    items.push_back(movement_json(m));
  respond_page(ctx, std::move(items), "stock-movements", result.next_after_id);
  return {};
}

Status create_movement(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewStockMovement in;
  in.kind = r.text("kind", Presence::required, kCode).value_or("");
  in.part_id = r.integer("part_id", Presence::required, kId).value_or(0);
  in.quantity = r.integer("quantity", Presence::optional, {.min = 1, .max = 1000000}).value_or(0);
  in.counted = r.integer("counted", Presence::optional, {.min = 0, .max = 1000000000});
  in.condition = r.one_of("condition", {"good", "faulty"}).value_or("");
  in.from_warehouse_id = r.integer("from_warehouse_id", Presence::optional, kId).value_or(0);
  in.to_warehouse_id = r.integer("to_warehouse_id", Presence::optional, kId).value_or(0);
  in.work_order_id = r.integer("work_order_id", Presence::optional, kId).value_or(0);
  in.note = r.text("note", Presence::optional, kNote).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto m = TRY(app::record_stock_movement(ex, ctx.actor(), ctx.now(), in));
    ctx.response.set_header("Location",
                            "/api/v1/stock-movements?part_id=" + std::to_string(m.part_id));
    respond(ctx, 201, movement_json(m));
    return {};
  });
}

}  // namespace

void add_part_routes(Router& router) {
  router.add({"GET", "/api/v1/parts", "listParts", Access::permission, "part.read", BodyKind::none,
              list_parts});
  router.add({"POST", "/api/v1/parts", "createPart", Access::permission, "part.write",
              BodyKind::json, create_part});
  router.add({"GET", "/api/v1/parts/{id}", "getPart", Access::permission, "part.read",
              BodyKind::none, get_part});
  router.add({"PATCH", "/api/v1/parts/{id}", "updatePart", Access::permission, "part.write",
              BodyKind::json, patch_part});
  router.add({"GET", "/api/v1/warehouses", "listWarehouses", Access::permission, "warehouse.read",
              BodyKind::none, list_warehouses});
  router.add({"POST", "/api/v1/warehouses", "createWarehouse", Access::permission,
              "warehouse.write", BodyKind::json, create_warehouse});
  router.add({"GET", "/api/v1/warehouses/{id}", "getWarehouse", Access::permission,
              "warehouse.read", BodyKind::none, get_warehouse});
  router.add({"GET", "/api/v1/stock-movements", "listStockMovements", Access::permission,
              "warehouse.read", BodyKind::none, list_movements});
  router.add({"POST", "/api/v1/stock-movements", "createStockMovement", Access::permission,
              "stock.move", BodyKind::json, create_movement});
}

}  // namespace fuwu::http
