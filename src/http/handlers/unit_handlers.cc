// /api/v1/units: sold units, their extended warranties, bulk registration and warranty status.
// See app/units/unit.h for the rules.
#include "app/units/unit.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

constexpr TextRule kSerial{.min_chars = 1, .max_chars = 60, .single_line = true};
constexpr TextRule kCard{.max_chars = 60, .single_line = true};
constexpr TextRule kNotes{.max_chars = 4000};
constexpr TextRule kContract{.min_chars = 1, .max_chars = 100, .single_line = true};
constexpr TextRule kPartCode{.max_chars = 40, .single_line = true};
constexpr IntRange kId{.min = 1};

boost::json::value date_json(const std::optional<Date>& d) {
  return d ? boost::json::value(format_date(*d)) : boost::json::value(nullptr);
}

boost::json::object unit_json(const app::Unit& u) {
  boost::json::array ext;
  for (const auto& e : u.extensions) {
    ext.push_back({{"id", e.id},
                   {"contract", e.contract},
                   {"part_code", e.part_code.empty() ? boost::json::value(nullptr)
                                                     : boost::json::value(e.part_code)},
                   {"ends_on", format_date(e.ends_on)},
                   {"created_at", instant_json(e.created_at)}});
  }
  return {{"id", u.id},
          {"serial", u.serial},
          {"model_id", u.model_id},
          {"organisation_id", u.organisation_id},
          {"site_id", u.site_id ? boost::json::value(u.site_id) : boost::json::value(nullptr)},
          {"production_date", date_json(u.dates.production)},
          {"sale_date", date_json(u.dates.sale)},
          {"delivery_date", date_json(u.dates.delivery)},
          {"installation_date", date_json(u.dates.installation)},
          {"warranty_card_no", u.warranty_card_no},
          {"feedback_card_on", date_json(u.feedback_card_on)},
          {"notes", u.notes},
          {"extensions", std::move(ext)},
          {"version", u.version},
          {"created_at", instant_json(u.created_at)},
          {"updated_at", instant_json(u.updated_at)}};
}

void respond_unit(ApiContext& ctx, int status, const app::Unit& u) {
  ctx.response.set_header("ETag", etag(u.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/units/" + std::to_string(u.id));
  respond(ctx, status, unit_json(u));
}

boost::json::object status_json(const aftersales::WarrantyStatus& s) {
  boost::json::array skipped;
  for (const auto& b : s.fallbacks_skipped)
    skipped.emplace_back(b);
  return {{"part_code",
           s.part_code.empty() ? boost::json::value(nullptr) : boost::json::value(s.part_code)},
          {"in_warranty", s.in_warranty},
          {"reason", aftersales::reason_name(s.reason)},
          {"basis", s.basis ? boost::json::value(aftersales::basis_name(*s.basis))
                            : boost::json::value(nullptr)},
          {"fallbacks_skipped", std::move(skipped)},
          {"starts_on", date_json(s.starts_on)},
          {"term_months", s.term_months},
          {"term_source", s.term_source},
          {"term_ends_on", date_json(s.term_ends_on)},
          {"ends_on", date_json(s.ends_on)},
          {"extension_contract", s.extension_contract.empty()
                                     ? boost::json::value(nullptr)
                                     : boost::json::value(s.extension_contract)},
          {"explanation_zh", aftersales::explain_zh(s)},
          {"explanation_en", aftersales::explain_en(s)}};
}

// Reads the members of a new unit from `r` (a whole body or one element of an import).
app::NewUnit read_new_unit(BodyReader& r) {
  app::NewUnit in;
  in.serial = r.text("serial", Presence::required, kSerial).value_or("");
  in.model_id = r.integer("model_id", Presence::required, kId).value_or(0);
  in.organisation_id = r.integer("organisation_id", Presence::required, kId).value_or(0);
  in.site_id = r.integer("site_id", Presence::optional, kId).value_or(0);
  in.dates.production = r.date("production_date");
  in.dates.sale = r.date("sale_date");
  in.dates.delivery = r.date("delivery_date");
  in.dates.installation = r.date("installation_date");
  in.warranty_card_no = r.text("warranty_card_no", Presence::optional, kCard).value_or("");
  in.feedback_card_on = r.date("feedback_card_on");
  in.notes = r.text("notes", Presence::optional, kNotes).value_or("");
  return in;
}

// PATCH: null clears a date, absent leaves it.
std::optional<std::optional<Date>> date_patch(BodyReader& r, std::string_view key) {
  if (r.is_null(key)) return std::optional<Date>();
  if (auto d = r.date(key)) return std::optional<Date>(*d);
  return std::nullopt;
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "units"));
  app::UnitFilter f;
  f.serial = ctx.query("serial");
  f.organisation_id = TRY(id_query(ctx, "organisation_id"));
  f.model_id = TRY(id_query(ctx, "model_id"));
  f.site_id = TRY(id_query(ctx, "site_id"));
  app::UnitPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_units(ex, ctx.actor(), f, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& u : result.items)
    items.push_back(unit_json(u));
  respond_page(ctx, std::move(items), "units", result.next_after_id);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto in = read_new_unit(r);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto unit = TRY(app::create_unit(ex, ctx.actor(), ctx.now(), in));
    respond_unit(ctx, 201, unit);
    return {};
  });
}

Status bulk_import(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  std::vector<app::NewUnit> inputs;
  if (const auto* raw = r.raw("units", Presence::required)) {
    const auto* array = raw->if_array();
    if (array == nullptr) {
      r.add_error(r.pointer_of("units"), "wrong_type", "must be an array of units");
    } else {
      for (std::size_t i = 0; i < array->size(); ++i) {
        auto item = BodyReader::from((*array)[i], r.pointer_of("units") + "/" + std::to_string(i));
        if (!item.ok()) {
          r.add_errors(Status(std::move(item).error()));
          continue;
        }
        inputs.push_back(read_new_unit(*item));
        r.add_errors(item->finish());
      }
    }
  }
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto units = TRY(app::import_units(ex, ctx.actor(), ctx.now(), inputs));
    boost::json::array items;
    for (const auto& u : units)
      items.push_back(unit_json(u));
    respond(ctx, 201, boost::json::object{{"items", std::move(items)}});
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_unit, respond_unit);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::UnitPatch p;
  p.serial = r.text("serial", Presence::optional, kSerial);
  p.model_id = r.integer("model_id", Presence::optional, kId);
  p.site_id = r.is_null("site_id") ? std::optional<std::int64_t>(0)
                                   : r.integer("site_id", Presence::optional, kId);
  p.production = date_patch(r, "production_date");
  p.sale = date_patch(r, "sale_date");
  p.delivery = date_patch(r, "delivery_date");
  p.installation = date_patch(r, "installation_date");
  p.warranty_card_no = r.text("warranty_card_no", Presence::optional, kCard);
  p.feedback_card_on = date_patch(r, "feedback_card_on");
  p.notes = r.text("notes", Presence::optional, kNotes);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto unit = TRY(app::update_unit(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_unit(ctx, 200, unit);
    return {};
  });
}

Status extend(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewExtension in;
  in.contract = r.text("contract", Presence::required, kContract).value_or("");
  in.part_code = r.text("part_code", Presence::optional, kPartCode).value_or("");
  in.ends_on = r.date("ends_on", Presence::required).value_or(Date{});
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto unit = TRY(app::add_warranty_extension(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_unit(ctx, 200, unit);
    return {};
  });
}

// GET /api/v1/units/{id}/warranty?on=YYYY-MM-DD&part=code; "on" defaults to today in China.
Status warranty(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  Date on = civil_from_days((ctx.now().unix_seconds + 8 * 3600) / 86400);
  if (auto text = ctx.query("on")) {
    auto d = parse_date(*text);
    if (!d) {
      return Error(ErrorCode::invalid_request, "on is not a date")
          .with_field("on", "invalid_format", "YYYY-MM-DD");
    }
    on = *d;
  }
  const auto part = ctx.query("part").value_or("");
  return ctx.read([&](store::Executor& ex) -> Status {
    auto w = TRY(app::unit_warranty(ex, ctx.actor(), id, part, on));
    boost::json::array parts;
    for (const auto& s : w.parts)
      parts.push_back(status_json(s));
    respond(ctx, 200,
            boost::json::object{{"unit_id", w.unit.id},
                                {"serial", w.unit.serial},
                                {"model_id", w.model.id},
                                {"model_code", w.model.code},
                                {"on", format_date(w.on)},
                                {"unit", status_json(w.whole)},
                                {"parts", std::move(parts)}});
    return {};
  });
}

}  // namespace

void add_unit_routes(Router& router) {
  router.add(
      {"GET", "/api/v1/units", "listUnits", Access::permission, "unit.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/units", "createUnit", Access::permission, "unit.write",
              BodyKind::json, create});
  router.add({"POST", "/api/v1/units/import", "importUnits", Access::permission, "unit.write",
              BodyKind::json, bulk_import});
  router.add({"GET", "/api/v1/units/{id}", "getUnit", Access::permission, "unit.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/units/{id}", "updateUnit", Access::permission, "unit.write",
              BodyKind::json, patch});
  router.add({"POST", "/api/v1/units/{id}/extensions", "addUnitWarrantyExtension",
              Access::permission, "unit.write", BodyKind::json, extend});
  router.add({"GET", "/api/v1/units/{id}/warranty", "getUnitWarranty", Access::permission,
              "unit.read", BodyKind::none, warranty});
}

}  // namespace fuwu::http
