#include "app/groups/group.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::object group_json(const app::Group& g, bool with_members) {
  boost::json::object out{
      {"id", g.id},
      {"name", g.name},
      {"line", g.line},
      {"organisation_id",
       g.organisation_id ? boost::json::value(g.organisation_id) : boost::json::value(nullptr)},
      {"description", g.description},
      {"version", g.version},
      {"created_at", instant_json(g.created_at)},
      {"updated_at", instant_json(g.updated_at)}};
  if (with_members) {
    boost::json::array members;
    for (const auto& m : g.members) {
      members.push_back(
          {{"user_id", m.user_id}, {"login", m.login}, {"display_name", m.display_name}});
    }
    out["members"] = std::move(members);
  }
  return out;
}

void respond_group(ApiContext& ctx, int status, const app::Group& g) {
  ctx.response.set_header("ETag", etag(g.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/groups/" + std::to_string(g.id));
  respond(ctx, status, group_json(g, true));
}

constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr IntRange kLine{.min = 1, .max = 3};
constexpr IntRange kId{.min = 1};

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "groups"));
  std::optional<int> line;
  if (auto l = ctx.query("line")) {
    if (*l != "1" && *l != "2" && *l != "3") {
      return Error(ErrorCode::invalid_request, "line must be 1, 2 or 3")
          .with_field("line", "not_allowed", "1, 2 or 3");
    }
    line = (*l)[0] - '0';
  }
  app::GroupPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_groups(ex, ctx.actor(), page.after_id, page.limit, line));
    return {};
  }));
  boost::json::array items;
  for (const auto& g : result.items)
    items.push_back(group_json(g, false));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = result.next_after_id
                           ? boost::json::value(encode_cursor("groups", *result.next_after_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewGroup in;
  in.name = r.text("name", Presence::required, kName).value_or("");
  in.line = static_cast<int>(r.integer("line", Presence::optional, kLine).value_or(1));
  in.organisation_id = r.integer("organisation_id", Presence::optional, kId).value_or(0);
  in.description = r.text("description").value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto group = TRY(app::create_group(ex, ctx.actor(), ctx.now(), in));
    respond_group(ctx, 201, group);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_group, respond_group);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::GroupPatch p;
  p.name = r.text("name", Presence::optional, kName);
  if (auto line = r.integer("line", Presence::optional, kLine)) p.line = static_cast<int>(*line);
  if (r.is_null("organisation_id")) {
    p.organisation_id = 0;
  } else {
    p.organisation_id = r.integer("organisation_id", Presence::optional, kId);
  }
  p.description = r.text("description");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto group = TRY(app::update_group(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_group(ctx, 200, group);
    return {};
  });
}

Status remove(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto version = TRY(ctx.if_match_version());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_group(ex, ctx.actor(), ctx.now(), id, version));
    ctx.response.status = 204;
    return {};
  }));
  // Principals carry their groups.
  ctx.services.credentials_changed();
  return {};
}

Status add_member(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto user_id = r.integer("user_id", Presence::required, kId);
  TRY_VOID(r.finish());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto group = TRY(app::add_group_member(ex, ctx.actor(), ctx.now(), id, *user_id));
    respond_group(ctx, 200, group);
    return {};
  }));
  ctx.services.credentials_changed();
  return {};
}

Status remove_member(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user_id = TRY(ctx.id_param("user_id"));
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto group = TRY(app::remove_group_member(ex, ctx.actor(), ctx.now(), id, user_id));
    respond_group(ctx, 200, group);
    return {};
  }));
  ctx.services.credentials_changed();
  return {};
}

}  // namespace

void add_group_routes(Router& router) {
  router.add({"GET", "/api/v1/groups", "listGroups", Access::permission, "group.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/groups", "createGroup", Access::permission, "group.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/groups/{id}", "getGroup", Access::permission, "group.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/groups/{id}", "updateGroup", Access::permission, "group.write",
              BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/groups/{id}", "deleteGroup", Access::permission, "group.write",
              BodyKind::none, remove});
  router.add({"POST", "/api/v1/groups/{id}/members", "addGroupMember", Access::permission,
              "group.write", BodyKind::json, add_member});
  router.add({"DELETE", "/api/v1/groups/{id}/members/{user_id}", "removeGroupMember",
              Access::permission, "group.write", BodyKind::none, remove_member});
}

}  // namespace fuwu::http
