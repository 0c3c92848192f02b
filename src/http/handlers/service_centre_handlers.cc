// /api/v1/service-centres: the after-sales service network — centres, their engineers with skills,
// and distances to customer sites. See app/service_centres/service_centre.h for the rules.
#include <cstdlib>

#include "app/service_centres/service_centre.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

constexpr TextRule kCode{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kNameEn{.max_chars = 200, .single_line = true};
constexpr TextRule kAddress{.max_chars = 1000};
constexpr TextRule kRegion{.max_chars = 16, .single_line = true};
constexpr TextRule kSlug{.min_chars = 1, .max_chars = 64, .single_line = true};

boost::json::value optional_number(std::optional<double> v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::array strings(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& i : items)
    out.emplace_back(i);
  return out;
}

boost::json::object centre_json(const app::ServiceCentre& c) {
  boost::json::array engineers;
  for (const auto& e : c.engineers) {
    engineers.push_back({{"user_id", e.user_id},
                         {"login", e.login},
                         {"display_name", e.display_name},
                         {"skills", strings(e.skills)},
                         {"active", e.active}});
  }
  return {{"id", c.id},
          {"code", c.code},
          {"name_zh", c.name_zh},
          {"name_en", c.name_en},
          {"address", c.address},
          {"region_code", c.region_code},
          {"latitude", optional_number(c.latitude)},
          {"longitude", optional_number(c.longitude)},
          {"territory", strings(c.territory)},
          {"calendar", c.calendar},
          {"engineers", std::move(engineers)},
          {"version", c.version},
          {"created_at", instant_json(c.created_at)},
          {"updated_at", instant_json(c.updated_at)}};
}

void respond_centre(ApiContext& ctx, int status, const app::ServiceCentre& c) {
  ctx.response.set_header("ETag", etag(c.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/service-centres/" + std::to_string(c.id));
  }
  respond(ctx, status, centre_json(c));
}

// An array of strings member; problems are recorded in `r`.
std::optional<std::vector<std::string>> read_strings(BodyReader& r, std::string_view key) {
  const auto* raw = r.raw(key);
  if (raw == nullptr) return std::nullopt;
  const auto* array = raw->if_array();
  if (array == nullptr || array->size() > 100) {
    r.add_error(r.pointer_of(key), array ? "too_long" : "wrong_type",
                array ? "at most 100 items" : "must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* s = (*array)[i].if_string();
    if (s == nullptr || s->size() > 40) {
      r.add_error(r.pointer_of(key) + "/" + std::to_string(i), s ? "too_long" : "wrong_type",
                  "a code of at most 40 characters");
      continue;
    }
    out.emplace_back(s->data(), s->size());
  }
  return out;
}

Status list(ApiContext& ctx) {
  const auto province = ctx.query("province");
  std::vector<app::ServiceCentre> centres;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    centres = TRY(app::list_service_centres(ex, ctx.actor(), province));
    return {};
  }));
  boost::json::array items;
  for (const auto& c : centres)
    items.push_back(centre_json(c));
  respond_page(ctx, std::move(items), "", std::nullopt);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewServiceCentre in;
  in.code = r.text("code", Presence::required, kCode).value_or("");
  in.name_zh = r.text("name_zh", Presence::required, kName).value_or("");
  in.name_en = r.text("name_en", Presence::optional, kNameEn).value_or("");
  in.address = r.text("address", Presence::optional, kAddress).value_or("");
  in.region_code = r.text("region_code", Presence::required, kRegion).value_or("");
  in.latitude = r.number("latitude");
  in.longitude = r.number("longitude");
  in.territory = read_strings(r, "territory").value_or(std::vector<std::string>{});
  in.calendar = r.text("calendar", Presence::optional, kSlug).value_or("china-mainland");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::create_service_centre(ex, ctx.actor(), ctx.now(), in));
    respond_centre(ctx, 201, c);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_service_centre, respond_centre);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::ServiceCentrePatch p;
  p.code = r.text("code", Presence::optional, kCode);
  p.name_zh = r.text("name_zh", Presence::optional, kName);
  p.name_en = r.text("name_en", Presence::optional, kNameEn);
  p.address = r.text("address", Presence::optional, kAddress);
  p.region_code = r.text("region_code", Presence::optional, kRegion);
  p.clear_coordinates = r.is_null("latitude") || r.is_null("longitude");
  p.latitude = r.number("latitude");
  p.longitude = r.number("longitude");
  p.territory = read_strings(r, "territory");
  p.calendar = r.text("calendar", Presence::optional, kSlug);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::update_service_centre(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_centre(ctx, 200, c);
    return {};
  });
}

Status put_engineer(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user = TRY(ctx.id_param("user_id"));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::EngineerInput in;
  in.skills = read_strings(r, "skills").value_or(std::vector<std::string>{});
  in.active = r.boolean("active").value_or(true);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::set_engineer(ex, ctx.actor(), ctx.now(), id, user, in));
    respond_centre(ctx, 200, c);
    return {};
  });
}

Status delete_engineer(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user = TRY(ctx.id_param("user_id"));
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::remove_engineer(ex, ctx.actor(), ctx.now(), id, user));
    respond_centre(ctx, 200, c);
    return {};
  });
}

boost::json::object located_json(const aftersales::Located& l) {
  return {{"latitude", l.point.lat},
          {"longitude", l.point.lon},
          {"source", aftersales::point_source_name(l.source)},
          {"region_code", l.region_code},
          {"place_zh", l.place_zh},
          {"place_en", l.place_en}};
}

// GET /api/v1/service-centres/{id}/distance?site_id=..&road_factor=1.2
Status distance(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto site = TRY(id_query(ctx, "site_id"));
  if (!site) {
    return Error(ErrorCode::invalid_request, "site_id is required")
        .with_field("site_id", "required", "the site to measure to");
  }
  double road = 1.0;
  if (auto text = ctx.query("road_factor")) {
    char* end = nullptr;
    road = std::strtod(text->c_str(), &end);
    if (text->empty() || end != text->c_str() + text->size()) {
      return Error(ErrorCode::invalid_request, "road_factor is not a number")
          .with_field("road_factor", "invalid_format", "a number such as 1.2");
    }
  }
  return ctx.read([&](store::Executor& ex) -> Status {
    auto d = TRY(app::centre_distance(ex, ctx.actor(), id, *site, road));
    respond(ctx, 200,
            boost::json::object{{"service_centre_id", d.centre.id},
                                {"site_id", d.site_id},
                                {"great_circle_km", d.distance.great_circle_km},
                                {"road_factor", d.distance.road_factor},
                                {"km", d.distance.km},
                                {"from", located_json(d.distance.from)},
                                {"to", located_json(d.distance.to)}});
    return {};
  });
}

}  // namespace

void add_service_centre_routes(Router& router) {
  router.add({"GET", "/api/v1/service-centres", "listServiceCentres", Access::permission,
              "service_centre.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/service-centres", "createServiceCentre", Access::permission,
              "service_centre.write", BodyKind::json, create});
  router.add({"GET", "/api/v1/service-centres/{id}", "getServiceCentre", Access::permission,
              "service_centre.read", BodyKind::none, get});
  router.add({"PATCH", "/api/v1/service-centres/{id}", "updateServiceCentre", Access::permission,
              "service_centre.write", BodyKind::json, patch});
  router.add({"PUT", "/api/v1/service-centres/{id}/engineers/{user_id}", "setEngineer",
              Access::permission, "service_centre.write", BodyKind::json, put_engineer});
  router.add({"DELETE", "/api/v1/service-centres/{id}/engineers/{user_id}", "removeEngineer",
              Access::permission, "service_centre.write", BodyKind::none, delete_engineer});
  router.add({"GET", "/api/v1/service-centres/{id}/distance", "getServiceCentreDistance",
              Access::permission, "service_centre.read", BodyKind::none, distance});
}

}  // namespace fuwu::http
