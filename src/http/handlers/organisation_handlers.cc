#include "app/organisations/organisation.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::object organisation_json(const app::Organisation& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"kind", o.kind},
          {"code", o.code},
          {"region_code", o.region_code},
          {"notes", o.notes},
          {"version", o.version},
          {"created_at", instant_json(o.created_at)},
          {"updated_at", instant_json(o.updated_at)}};
}

void respond_organisation(ApiContext& ctx, int status, const app::Organisation& o) {
  ctx.response.set_header("ETag", etag(o.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/organisations/" + std::to_string(o.id));
  }
  respond(ctx, status, organisation_json(o));
}

constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kCode{.max_chars = 64, .single_line = true};

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "organisations"));
  std::optional<std::string> kind = ctx.query("kind");
  if (kind && *kind != "own" && *kind != "customer" && *kind != "supplier") {
    return Error(ErrorCode::invalid_request, "unknown kind")
        .with_field("kind", "not_allowed", "one of own, customer, supplier");
  }
  std::optional<std::string> q = ctx.query("q");
  if (q && q->size() > 200) {
    return Error(ErrorCode::invalid_request, "the search text is too long")
        .with_field("q", "too_long", "at most 200 bytes");
  }
  app::OrganisationPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_organisations(ex, ctx.actor(), page.after_id, page.limit, kind, q));
    return {};
  }));
  boost::json::array items;
  for (const auto& o : result.items)
    items.push_back(organisation_json(o));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] =
      result.next_after_id
          ? boost::json::value(encode_cursor("organisations", *result.next_after_id))
          : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewOrganisation in;
  in.name = r.text("name", Presence::required, kName).value_or("");
  in.kind = r.one_of("kind", {"own", "customer", "supplier"}, Presence::required).value_or("");
  in.code = r.text("code", Presence::optional, kCode).value_or("");
  in.region_code = r.text("region_code", Presence::optional, kCode).value_or("");
  in.notes = r.text("notes").value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto org = TRY(app::create_organisation(ex, ctx.actor(), ctx.now(), in));
    respond_organisation(ctx, 201, org);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_organisation, respond_organisation);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::OrganisationPatch p;
  p.name = r.text("name", Presence::optional, kName);
  p.kind = r.one_of("kind", {"own", "customer", "supplier"});
  p.code = r.text("code", Presence::optional, kCode);
  p.region_code = r.text("region_code", Presence::optional, kCode);
  p.notes = r.text("notes");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto org = TRY(app::update_organisation(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_organisation(ctx, 200, org);
    return {};
  });
}

Status remove(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_organisation(ex, ctx.actor(), ctx.now(), id, version));
    ctx.response.status = 204;
    return {};
  });
}

}  // namespace

void add_organisation_routes(Router& router) {
  router.add({"GET", "/api/v1/organisations", "listOrganisations", Access::permission,
              "organisation.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/organisations", "createOrganisation", Access::permission,
              "organisation.write", BodyKind::json, create});
  router.add({"GET", "/api/v1/organisations/{id}", "getOrganisation", Access::permission,
              "organisation.read", BodyKind::none, get});
  router.add({"PATCH", "/api/v1/organisations/{id}", "updateOrganisation", Access::permission,
              "organisation.write", BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/organisations/{id}", "deleteOrganisation", Access::permission,
              "organisation.write", BodyKind::none, remove});
}

}  // namespace fuwu::http
