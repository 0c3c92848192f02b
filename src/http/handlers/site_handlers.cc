#include "app/sites/site.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::value optional_number(std::optional<double> v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object site_json(const app::Site& s) {
  return {{"id", s.id},
          {"organisation_id", s.organisation_id},
          {"name", s.name},
          {"address", s.address},
          {"region_code",
           s.region_code.empty() ? boost::json::value(nullptr) : boost::json::value(s.region_code)},
          {"latitude", optional_number(s.latitude)},
          {"longitude", optional_number(s.longitude)},
          {"version", s.version},
          {"created_at", instant_json(s.created_at)},
          {"updated_at", instant_json(s.updated_at)}};
}

void respond_site(ApiContext& ctx, int status, const app::Site& s) {
  ctx.response.set_header("ETag", etag(s.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/sites/" + std::to_string(s.id));
  respond(ctx, status, site_json(s));
}

constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kAddress{.max_chars = 1000};
constexpr TextRule kRegion{.max_chars = 16, .single_line = true};

Status list(ApiContext& ctx) {
  const auto org = TRY(ctx.id_param());
  auto page = TRY(page_request(ctx, "sites"));
  app::SitePage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_sites(ex, ctx.actor(), org, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& s : result.items)
    items.push_back(site_json(s));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = result.next_after_id
                           ? boost::json::value(encode_cursor("sites", *result.next_after_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status create(ApiContext& ctx) {
  const auto org = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewSite in;
  in.name = r.text("name", Presence::required, kName).value_or("");
  in.address = r.text("address", Presence::optional, kAddress).value_or("");
  in.region_code = r.text("region_code", Presence::optional, kRegion).value_or("");
  in.latitude = r.number("latitude");
  in.longitude = r.number("longitude");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto site = TRY(app::create_site(ex, ctx.actor(), ctx.now(), org, in));
    respond_site(ctx, 201, site);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_site, respond_site);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::SitePatch p;
  p.name = r.text("name", Presence::optional, kName);
  p.address = r.text("address", Presence::optional, kAddress);
  p.region_code = r.is_null("region_code") ? std::optional<std::string>("")
                                           : r.text("region_code", Presence::optional, kRegion);
  // null clears the coordinates, which go together.
  p.clear_coordinates = r.is_null("latitude") || r.is_null("longitude");
  p.latitude = r.number("latitude");
  p.longitude = r.number("longitude");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto site = TRY(app::update_site(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_site(ctx, 200, site);
    return {};
  });
}

Status remove(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_site(ex, ctx.actor(), ctx.now(), id, version));
    ctx.response.status = 204;
    return {};
  });
}

}  // namespace

void add_site_routes(Router& router) {
  router.add({"GET", "/api/v1/organisations/{id}/sites", "listSites", Access::permission,
              "site.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/organisations/{id}/sites", "createSite", Access::permission,
              "site.write", BodyKind::json, create});
  router.add({"GET", "/api/v1/sites/{id}", "getSite", Access::permission, "site.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/sites/{id}", "updateSite", Access::permission, "site.write",
              BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/sites/{id}", "deleteSite", Access::permission, "site.write",
              BodyKind::none, remove});
}

}  // namespace fuwu::http
