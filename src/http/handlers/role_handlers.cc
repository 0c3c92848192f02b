// Roles (/api/v1/roles) and the caller's own API tokens (/api/v1/tokens).
#include "app/auth/auth.h"
#include "app/roles/role.h"
#include "app/users/user.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::object role_json(const app::Role& r) {
  boost::json::array grants;
  for (const auto& g : r.grants) {
    grants.push_back({{"permission", g.permission}, {"scope", access::scope_name(g.scope)}});
  }
  return {{"id", r.id},
          {"name", r.name},
          {"label_zh", r.label_zh},
          {"label_en", r.label_en},
          {"builtin", r.builtin},
          {"grants", std::move(grants)},
          {"version", r.version}};
}

void respond_role(ApiContext& ctx, int status, const app::Role& r) {
  ctx.response.set_header("ETag", etag(r.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/roles/" + r.name);
  respond(ctx, status, role_json(r));
}

constexpr TextRule kName{.min_chars = 1, .max_chars = 64, .single_line = true};
constexpr TextRule kLabel{.min_chars = 1, .max_chars = 100, .single_line = true};
constexpr TextRule kWord{.min_chars = 1, .max_chars = 100, .single_line = true};

// The "grants" member: an array of {permission, scope}; problems are recorded in `r`.
std::optional<std::vector<app::GrantInput>> read_grants(BodyReader& r, Presence p) {
  const auto* raw = r.raw("grants", p);
  if (raw == nullptr) return std::nullopt;
  const auto* array = raw->if_array();
  if (array == nullptr || array->size() > 200) {
    r.add_error(r.pointer_of("grants"), array ? "too_long" : "wrong_type",
                array ? "at most 200 grants" : "must be an array");
    return std::nullopt;
  }
  std::vector<app::GrantInput> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto item = BodyReader::from((*array)[i], r.pointer_of("grants") + "/" + std::to_string(i));
    if (!item.ok()) {
      r.add_errors(Status(std::move(item).error()));
      continue;
    }
    app::GrantInput g;
    g.permission = item->text("permission", Presence::required, kWord).value_or("");
    g.scope = item->text("scope", Presence::required, kWord).value_or("");
    r.add_errors(item->finish());
    out.push_back(std::move(g));
  }
  return out;
}

Status list(ApiContext& ctx) {
  std::vector<app::Role> roles;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    roles = TRY(app::list_roles(ex, ctx.actor()));
    return {};
  }));
  boost::json::array items;
  for (const auto& r : roles)
    items.push_back(role_json(r));
  respond(ctx, 200, boost::json::object{{"items", std::move(items)}});
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewRole in;
  in.name = r.text("name", Presence::required, kName).value_or("");
  in.label_zh = r.text("label_zh", Presence::required, kLabel).value_or("");
  in.label_en = r.text("label_en", Presence::required, kLabel).value_or("");
  in.grants = read_grants(r, Presence::required).value_or(std::vector<app::GrantInput>{});
  TRY_VOID(r.finish());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto role = TRY(app::create_role(ex, ctx.actor(), ctx.now(), in));
    respond_role(ctx, 201, role);
    return {};
  }));
  return {};
}

Status get(ApiContext& ctx) {
  const std::string name(ctx.params.get("name"));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto role = TRY(app::get_role(ex, ctx.actor(), name));
    respond_role(ctx, 200, role);
    return {};
  });
}

Status patch(ApiContext& ctx) {
  const std::string name(ctx.params.get("name"));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::RolePatch p;
  p.label_zh = r.text("label_zh", Presence::optional, kLabel);
  p.label_en = r.text("label_en", Presence::optional, kLabel);
  p.grants = read_grants(r, Presence::optional);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto role = TRY(app::update_role(ex, ctx.actor(), ctx.now(), name, version, p));
    respond_role(ctx, 200, role);
    return {};
  }));
  // Principals carry their role's grants.
  ctx.services.credentials_changed();
  return {};
}

Status remove(ApiContext& ctx) {
  const std::string name(ctx.params.get("name"));
  const auto version = TRY(ctx.if_match_version());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_role(ex, ctx.actor(), ctx.now(), name, version));
    ctx.response.status = 204;
    return {};
  }));
  ctx.services.credentials_changed();
  return {};
}

boost::json::value optional_instant(const std::optional<Instant>& t) {
  return t ? boost::json::value(instant_json(*t)) : boost::json::value(nullptr);
}

boost::json::object token_json(const app::TokenInfo& t) {
  boost::json::array scopes;
  for (const auto& s : t.scopes)
    scopes.push_back(boost::json::value(s));
  return {{"id", t.id},
          {"name", t.name},
          {"scopes", std::move(scopes)},
          {"expires_at", optional_instant(t.expires_at)},
          {"created_at", instant_json(t.created_at)},
          {"revoked_at", optional_instant(t.revoked_at)}};
}

Status list_tokens(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "tokens"));
  app::TokenPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_own_tokens(ex, ctx.actor(), page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& t : result.items)
    items.push_back(token_json(t));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = result.next_after_id
                           ? boost::json::value(encode_cursor("tokens", *result.next_after_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

// POST /api/v1/tokens: a token for the caller; the secret is in this response only.
Status create_token(ApiContext& ctx) {
  if (!ctx.idempotency_key.empty()) {
    // Replaying would mean storing the secret; a retry should create another token instead.
    return Error(ErrorCode::invalid_request,
                 "Idempotency-Key is not accepted here: the token's secret is never stored")
        .with_field("Idempotency-Key", "not_allowed", "send the request without it");
  }
  const auto& principal = ctx.actor().principal;
  const bool narrowed = !principal.token_scopes.empty() &&
                        std::find(principal.token_scopes.begin(), principal.token_scopes.end(),
                                  "*") == principal.token_scopes.end();
  if (narrowed || !ctx.auth->user) {
    return Error(ErrorCode::permission_denied, "a token limited by scopes cannot create tokens");
  }
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewToken in;
  in.login = ctx.auth->user->login;
  in.name =
      r.text("name", Presence::optional, {.max_chars = 200, .single_line = true}).value_or("");
  if (const auto* raw = r.raw("scopes")) {
    const auto* array = raw->if_array();
    if (array == nullptr || array->empty() || array->size() > 50) {
      r.add_error(r.pointer_of("scopes"), array ? "out_of_range" : "wrong_type",
                  "an array of 1 to 50 permissions");
    } else {
      in.scopes.clear();
      for (std::size_t i = 0; i < array->size(); ++i) {
        const auto* s = (*array)[i].if_string();
        const std::string at = r.pointer_of("scopes") + "/" + std::to_string(i);
        if (s == nullptr) {
          r.add_error(at, "wrong_type", "must be a string");
        } else if (s->empty() || s->size() > 100 || s->find(' ') != boost::json::string::npos) {
          r.add_error(at, "invalid_format", "a permission such as ticket.read, ticket.* or *");
        } else {
          in.scopes.emplace_back(s->c_str(), s->size());
        }
      }
    }
  }
  in.expires_at = r.instant("expires_at");
  TRY_VOID(r.finish());
  auto created = TRY(app::create_token(ctx.services, ctx.actor(), in));
  const app::TokenInfo info{.id = created.id,
                            .name = in.name,
                            .scopes = in.scopes,
                            .expires_at = in.expires_at,
                            .created_at = ctx.now(),
                            .revoked_at = std::nullopt};
  auto out = token_json(info);
  out["token"] = created.token;
  ctx.response.set_header("Location", "/api/v1/tokens/" + std::to_string(created.id));
  respond(ctx, 201, out);
  return {};
}

Status revoke_token(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  TRY_VOID(app::revoke_token(ctx.services, ctx.actor(), id));
  ctx.response.status = 204;
  return {};
}

}  // namespace

void add_role_routes(Router& router) {
  router.add(
      {"GET", "/api/v1/roles", "listRoles", Access::permission, "role.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/roles", "createRole", Access::permission, "role.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/roles/{name}", "getRole", Access::permission, "role.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/roles/{name}", "updateRole", Access::permission, "role.write",
              BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/roles/{name}", "deleteRole", Access::permission, "role.write",
              BodyKind::none, remove});
  router.add({"GET", "/api/v1/tokens", "listTokens", Access::authenticated, "", BodyKind::none,
              list_tokens});
  router.add({"POST", "/api/v1/tokens", "createToken", Access::authenticated, "", BodyKind::json,
              create_token});
  router.add({"DELETE", "/api/v1/tokens/{id}", "revokeToken", Access::authenticated, "",
              BodyKind::none, revoke_token});
}

}  // namespace fuwu::http
