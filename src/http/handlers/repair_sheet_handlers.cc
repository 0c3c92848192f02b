// The repair sheet of a work order (/api/v1/work-orders/{id}/sheet…): the sheet itself, parts
// replaced from the engineer's stock, the customer's signature (a PNG drawn on the phone) and the
// PDF; and the fault-code catalogue per product line (/api/v1/products/{id}/fault-codes). See
// app/repair_sheets/repair_sheet.h for the rules.
#include "app/repair_sheets/repair_sheet.h"
#include "app/settings/aftersales_settings.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kText{.max_chars = 4000};
constexpr TextRule kCode{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr TextRule kLabel{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kShort{.max_chars = 200, .single_line = true};
constexpr IntRange kId{.min = 1};

boost::json::object fault_code_json(const app::FaultCode& f) {
  return {{"id", f.id},
          {"product_line_id", f.product_line_id},
          {"code", f.code},
          {"label_zh", f.label_zh},
          {"label_en", f.label_en},
          {"created_at", instant_json(f.created_at)}};
}

boost::json::array movements_json(const std::vector<app::SheetMovement>& ms) {
  boost::json::array out;
  for (const auto& m : ms) {
    out.push_back({{"movement_id", m.movement_id},
                   {"part_id", m.part_id},
                   {"part_number", m.part_number},
                   {"part_name", m.part_name},
                   {"unit", m.unit},
                   {"quantity", m.quantity},
                   {"warehouse_id", m.warehouse_id},
                   {"at", instant_json(m.at)}});
  }
  return out;
}

boost::json::value link_json(const std::optional<app::OrderLink>& l) {
  if (!l) return nullptr;
  return boost::json::object{{"id", l->id}, {"number", l->number}};
}

void respond_sheet(ApiContext& ctx, int status, const app::RepairSheet& s) {
  boost::json::array repeats;
  for (const auto& r : s.repeats)
    repeats.push_back(link_json(r));
  const std::string base = "/api/v1/work-orders/" + std::to_string(s.work_order_id) + "/sheet";
  ctx.response.set_header("ETag", etag(s.version));
  respond(ctx, status,
          boost::json::object{
              {"work_order_id", s.work_order_id},
              {"fault_phenomenon", s.fault_phenomenon},
              {"fault_code", s.fault_code ? boost::json::value(fault_code_json(*s.fault_code))
                                          : boost::json::value(nullptr)},
              {"cause", s.cause},
              {"solution", s.solution},
              {"self_check", s.self_check},
              {"self_check_note", s.self_check_note},
              {"customer_verdict", s.customer_verdict},
              {"customer_comment", s.customer_comment},
              {"signature", s.signed_at ? boost::json::value(boost::json::object{
                                              {"signer", s.signer_name},
                                              {"signed_at", instant_json(*s.signed_at)},
                                              {"sha256", s.signature_sha256},
                                              {"url", base + "/signature"}})
                                        : boost::json::value(nullptr)},
              {"repeat_of", link_json(s.repeat_of)},
              {"repeat_count", static_cast<std::int64_t>(s.repeats.size())},
              {"repeats", std::move(repeats)},
              {"parts_replaced", movements_json(s.parts_replaced)},
              {"faulty_returned", movements_json(s.faulty_returned)},
              {"pdf_url", "/api/v1/work-orders/" + std::to_string(s.work_order_id) + "/sheet.pdf"},
              {"version", s.version},
              {"updated_at", opt_time(s.updated_at)}});
}

Status list_codes(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::vector<app::FaultCode> codes;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    codes = TRY(app::list_fault_codes(ex, ctx.actor(), id));
    return {};
  }));
  boost::json::array items;
  for (const auto& f : codes)
    items.push_back(fault_code_json(f));
  respond_page(ctx, std::move(items), "", std::nullopt);
  return {};
}

Status create_code(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::FaultCode in;
  in.product_line_id = id;
  in.code = r.text("code", Presence::required, kCode).value_or("");
  in.label_zh = r.text("label_zh", Presence::required, kLabel).value_or("");
  in.label_en = r.text("label_en", Presence::optional, kShort).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto f = TRY(app::create_fault_code(ex, ctx.actor(), ctx.now(), in));
    respond(ctx, 201, fault_code_json(f));
    return {};
  });
}

Status get_sheet(ApiContext& ctx) {
  return get_by_id(ctx, app::get_repair_sheet, respond_sheet);
}

Status patch_sheet(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::RepairSheetPatch p;
  p.fault_phenomenon = r.text("fault_phenomenon", Presence::optional, kText);
  p.fault_code = r.text("fault_code", Presence::optional, kShort);
  p.cause = r.text("cause", Presence::optional, kText);
  p.solution = r.text("solution", Presence::optional, kText);
  p.self_check = r.one_of("self_check", {"passed", "failed"});
  p.self_check_note = r.text("self_check_note", Presence::optional, kText);
  p.customer_verdict =
      r.one_of("customer_verdict", {"satisfied", "fairly_satisfied", "neutral", "dissatisfied"});
  p.customer_comment = r.text("customer_comment", Presence::optional, kText);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    const auto settings = TRY(app::load_aftersales_settings(ex));
    auto s = TRY(app::update_repair_sheet(ex, ctx.actor(), ctx.now(), id, version, p,
                                          settings.repeat_window_days));
    respond_sheet(ctx, 200, s);
    return {};
  });
}

Status add_part(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::SheetPartInput in;
  in.part_id = r.integer("part_id", Presence::required, kId).value_or(0);
  in.quantity = r.integer("quantity", Presence::optional, {.min = 1, .max = 10000}).value_or(1);
  in.return_faulty = r.boolean("return_faulty");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto s = TRY(app::add_repair_sheet_part(ex, ctx.actor(), ctx.now(), id, in));
    respond_sheet(ctx, 201, s);
    return {};
  });
}

Status sign(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  app::SignatureInput in;
  in.signer_name = TRY(bounded_query(ctx, "signer", 200));
  in.png = ctx.request.body;
  in.chunk_bytes = ctx.services.settings.attachments.chunk_bytes;
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto s = TRY(app::sign_repair_sheet(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_sheet(ctx, 200, s);
    return {};
  });
}

Status get_signature(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::string png;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    png = TRY(app::read_repair_sheet_signature(ex, ctx.actor(), id));
    return {};
  }));
  respond_file(ctx, std::move(png), "image/png", "signature-" + std::to_string(id) + ".png");
  return {};
}

Status get_pdf(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::string pdf;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    pdf = TRY(app::repair_sheet_pdf(ex, ctx.actor(), ctx.now(), id));
    return {};
  }));
  respond_file(ctx, std::move(pdf), "application/pdf",
               "repair-sheet-" + std::to_string(id) + ".pdf");
  return {};
}

boost::json::object settings_json(const app::AftersalesSettings& s) {
  return {{"repeat_window_days", s.repeat_window_days},
          {"version", s.version},
          {"updated_at", instant_json(s.updated_at)}};
}

Status get_settings(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto s = TRY(app::get_aftersales_settings(ex, ctx.actor()));
    ctx.response.set_header("ETag", etag(s.version));
    respond(ctx, 200, settings_json(s));
    return {};
  });
}

Status put_settings(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::AftersalesSettings s;
  s.repeat_window_days = static_cast<int>(
      r.integer("repeat_window_days", Presence::required, {.min = 1, .max = 3650}).value_or(90));
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto saved = TRY(app::set_aftersales_settings(ex, ctx.actor(), ctx.now(), version, s));
    ctx.response.set_header("ETag", etag(saved.version));
    respond(ctx, 200, settings_json(saved));
    return {};
  });
}

}  // namespace

void add_repair_sheet_routes(Router& router) {
  router.add({"GET", "/api/v1/work-orders/settings", "getAftersalesSettings", Access::permission,
              "aftersales_settings.read", BodyKind::none, get_settings});
  router.add({"PUT", "/api/v1/work-orders/settings", "setAftersalesSettings", Access::permission,
              "aftersales_settings.write", BodyKind::json, put_settings});
  router.add({"GET", "/api/v1/products/{id}/fault-codes", "listFaultCodes", Access::permission,
              "product.read", BodyKind::none, list_codes});
  router.add({"POST", "/api/v1/products/{id}/fault-codes", "createFaultCode", Access::permission,
              "product.write", BodyKind::json, create_code});
  router.add({"GET", "/api/v1/work-orders/{id}/sheet", "getRepairSheet", Access::permission,
              "work_order.read", BodyKind::none, get_sheet});
  router.add({"PATCH", "/api/v1/work-orders/{id}/sheet", "updateRepairSheet", Access::permission,
              "work_order.read", BodyKind::json, patch_sheet});
  router.add({"POST", "/api/v1/work-orders/{id}/sheet/parts", "addRepairSheetPart",
              Access::permission, "work_order.read", BodyKind::json, add_part});
  router.add({"PUT", "/api/v1/work-orders/{id}/sheet/signature", "signRepairSheet",
              Access::permission, "work_order.work", BodyKind::upload, sign});
  router.add({"GET", "/api/v1/work-orders/{id}/sheet/signature", "getRepairSheetSignature",
              Access::permission, "work_order.read", BodyKind::none, get_signature});
  router.add({"GET", "/api/v1/work-orders/{id}/sheet.pdf", "getRepairSheetPdf", Access::permission,
              "work_order.read", BodyKind::none, get_pdf});
}

}  // namespace fuwu::http
