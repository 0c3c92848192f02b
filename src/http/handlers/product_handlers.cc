// /api/v1/products: product lines (with their models) and product models (with their major
// parts and warranty terms). See app/products/product.h for the rules.
#include "app/products/product.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

constexpr TextRule kCode{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kNameEn{.max_chars = 200, .single_line = true};
constexpr IntRange kMonths{.min = 0, .max = 600};

boost::json::object model_json(const app::ProductModel& m) {
  boost::json::array rule;
  for (const auto b : m.warranty_start)
    rule.emplace_back(aftersales::basis_name(b));
  boost::json::array parts;
  for (const auto& p : m.parts) {
    parts.push_back({{"code", p.code},
                     {"name_zh", p.name_zh},
                     {"name_en", p.name_en},
                     {"warranty_months", p.warranty_months}});
  }
  return {{"id", m.id},
          {"product_line_id", m.product_line_id},
          {"code", m.code},
          {"name_zh", m.name_zh},
          {"name_en", m.name_en},
          {"warranty_start", std::move(rule)},
          {"warranty_months", m.warranty_months},
          {"parts", std::move(parts)},
          {"version", m.version},
          {"created_at", instant_json(m.created_at)},
          {"updated_at", instant_json(m.updated_at)}};
}

boost::json::object line_json(const app::ProductLine& l) {
  boost::json::array models;
  for (const auto& m : l.models)
    models.push_back(model_json(m));
  return {{"id", l.id},
          {"code", l.code},
          {"name_zh", l.name_zh},
          {"name_en", l.name_en},
          {"models", std::move(models)},
          {"version", l.version},
          {"created_at", instant_json(l.created_at)},
          {"updated_at", instant_json(l.updated_at)}};
}

void respond_line(ApiContext& ctx, int status, const app::ProductLine& l) {
  ctx.response.set_header("ETag", etag(l.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/products/" + std::to_string(l.id));
  }
  respond(ctx, status, line_json(l));
}

void respond_model(ApiContext& ctx, int status, const app::ProductModel& m) {
  ctx.response.set_header("ETag", etag(m.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/products/models/" + std::to_string(m.id));
  }
  respond(ctx, status, model_json(m));
}

// "warranty_start": ["installation", "delivery", "sale"]
std::optional<std::vector<aftersales::DateBasis>> read_start_rule(BodyReader& r) {
  const auto* raw = r.raw("warranty_start");
  if (raw == nullptr) return std::nullopt;
  const auto* array = raw->if_array();
  if (array == nullptr) {
    r.add_error(r.pointer_of("warranty_start"), "wrong_type", "must be an array of strings");
    return std::nullopt;
  }
  std::vector<aftersales::DateBasis> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto at = r.pointer_of("warranty_start") + "/" + std::to_string(i);
    const auto* s = (*array)[i].if_string();
    const auto b = s ? aftersales::parse_basis(std::string_view(s->data(), s->size()))
                     : std::optional<aftersales::DateBasis>();
    if (!b) {
      r.add_error(at, s ? "not_allowed" : "wrong_type",
                  "one of installation, delivery, sale, production");
    } else if (std::find(out.begin(), out.end(), *b) != out.end()) {
      r.add_error(at, "duplicate", "each date base at most once");
    } else {
      out.push_back(*b);
    }
  }
  if (out.empty() && array->empty()) {
    r.add_error(r.pointer_of("warranty_start"), "required", "at least one date base");
  }
  return out;
}

std::optional<std::vector<app::ModelPart>> read_parts(BodyReader& r) {
  const auto* raw = r.raw("parts");
  if (raw == nullptr) return std::nullopt;
  const auto* array = raw->if_array();
  if (array == nullptr || array->size() > 200) {
    r.add_error(r.pointer_of("parts"), array ? "too_long" : "wrong_type",
                array ? "at most 200 parts" : "must be an array");
    return std::nullopt;
  }
  std::vector<app::ModelPart> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto item = BodyReader::from((*array)[i], r.pointer_of("parts") + "/" + std::to_string(i));
    if (!item.ok()) {
      r.add_errors(Status(std::move(item).error()));
      continue;
    }
    app::ModelPart p;
    p.code = item->text("code", Presence::required, kCode).value_or("");
    p.name_zh = item->text("name_zh", Presence::required, kName).value_or("");
    p.name_en = item->text("name_en", Presence::optional, kNameEn).value_or("");
    p.warranty_months =
        static_cast<int>(item->integer("warranty_months", Presence::required, kMonths).value_or(0));
    r.add_errors(item->finish());
    out.push_back(std::move(p));
  }
  return out;
}

Status list_lines(ApiContext& ctx) {
  std::vector<app::ProductLine> lines;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    lines = TRY(app::list_product_lines(ex, ctx.actor()));
    return {};
  }));
  boost::json::array items;
  for (const auto& l : lines)
    items.push_back(line_json(l));
  respond_page(ctx, std::move(items), "", std::nullopt);
  return {};
}

Status create_line(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewProductLine in;
  in.code = r.text("code", Presence::required, kCode).value_or("");
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.name_en = r.text("name_en", Presence::optional, kNameEn).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto line = TRY(app::create_product_line(ex, ctx.actor(), ctx.now(), in));
    respond_line(ctx, 201, line);
    return {};
  });
}

Status get_line(ApiContext& ctx) {
  return get_by_id(ctx, app::get_product_line, respond_line);
}

Status patch_line(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::ProductLinePatch p;
  p.code = r.text("code", Presence::optional, kCode);
  p.name_zh = r.text("name_zh", Presence::optional, kName);
  p.name_en = r.text("name_en", Presence::optional, kNameEn);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto line = TRY(app::update_product_line(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_line(ctx, 200, line);
    return {};
  });
}

Status create_model(ApiContext& ctx) {
  const auto line = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewProductModel in;
  in.code = r.text("code", Presence::required, kCode).value_or("");
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.name_en = r.text("name_en", Presence::optional, kNameEn).value_or("");
  in.warranty_start = read_start_rule(r).value_or(std::vector<aftersales::DateBasis>{});
  in.warranty_months =
      static_cast<int>(r.integer("warranty_months", Presence::required, kMonths).value_or(0));
  in.parts = read_parts(r).value_or(std::vector<app::ModelPart>{});
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto model = TRY(app::create_product_model(ex, ctx.actor(), ctx.now(), line, in));
    respond_model(ctx, 201, model);
    return {};
  });
}

Status get_model(ApiContext& ctx) {
  return get_by_id(ctx, app::get_product_model, respond_model);
}

Status patch_model(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::ProductModelPatch p;
  p.code = r.text("code", Presence::optional, kCode);
  p.name_zh = r.text("name_zh", Presence::optional, kName);
  p.name_en = r.text("name_en", Presence::optional, kNameEn);
  p.warranty_start = read_start_rule(r);
  if (auto m = r.integer("warranty_months", Presence::optional, kMonths)) {
    p.warranty_months = static_cast<int>(*m);
  }
  p.parts = read_parts(r);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto model = TRY(app::update_product_model(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_model(ctx, 200, model);
    return {};
  });
}

}  // namespace

void add_product_routes(Router& router) {
  router.add({"GET", "/api/v1/products", "listProductLines", Access::permission, "product.read",
              BodyKind::none, list_lines});
  router.add({"POST", "/api/v1/products", "createProductLine", Access::permission, "product.write",
              BodyKind::json, create_line});
  router.add({"GET", "/api/v1/products/{id}", "getProductLine", Access::permission, "product.read",
              BodyKind::none, get_line});
  router.add({"PATCH", "/api/v1/products/{id}", "updateProductLine", Access::permission,
              "product.write", BodyKind::json, patch_line});
  router.add({"POST", "/api/v1/products/{id}/models", "createProductModel", Access::permission,
              "product.write", BodyKind::json, create_model});
  router.add({"GET", "/api/v1/products/models/{id}", "getProductModel", Access::permission,
              "product.read", BodyKind::none, get_model});
  router.add({"PATCH", "/api/v1/products/models/{id}", "updateProductModel", Access::permission,
              "product.write", BodyKind::json, patch_model});
}

}  // namespace fuwu::http
