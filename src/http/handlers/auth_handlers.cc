#include "app/auth/auth.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::object user_json(const app::User& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"display_name", u.display_name},
          {"email", u.email},
          {"role", u.role},
          {"organisation_id", u.organisation_id ? boost::json::value(u.organisation_id) : nullptr},
          {"language", u.language},
          {"time_zone", u.time_zone}};
}

std::string session_cookie(const ApiContext& ctx, std::string_view value, std::int64_t max_age) {
  std::string c = "fuwu_session=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (ctx.request.tls) c += "; Secure";
  return c;
}

Status login(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  auto login_name = r.text("login", Presence::required, {.min_chars = 1, .max_chars = 200});
  auto password =
      r.text("password", Presence::required, {.min_chars = 1, .max_chars = 1024, .trim = false});
  TRY_VOID(r.finish());
  auto grant = TRY(app::login(
      ctx.services, {*login_name, *password, ctx.request.remote_address, ctx.request.request_id}));
  const std::int64_t max_age = (grant.expires_at - ctx.now()).seconds;
  ctx.response.set_header("Set-Cookie", session_cookie(ctx, grant.session_token, max_age));
  respond(ctx, 200,
          boost::json::object{{"csrf_token", grant.csrf_token},
                              {"expires_at", instant_json(grant.expires_at)},
                              {"user", user_json(grant.user)}});
  return {};
}

Status logout(ApiContext& ctx) {
  const std::string_view cookie = ctx.request.header("cookie");
  const std::size_t at = cookie.find("fuwu_session=");
  if (at != std::string_view::npos) {
    std::string_view v = cookie.substr(at + 13);
    v = v.substr(0, v.find(';'));
    TRY_VOID(app::logout(ctx.services, v));
  }
  ctx.response.status = 204;
  ctx.response.set_header("Set-Cookie", session_cookie(ctx, "", 0));
  return {};
}

Status me(ApiContext& ctx) {
  const auto& p = ctx.actor().principal;
  boost::json::object out = ctx.auth->user ? user_json(*ctx.auth->user) : boost::json::object{};
  boost::json::array perms;
  for (const auto& g : p.grants) {
    perms.push_back({{"permission", g.permission}, {"scope", access::scope_name(g.scope)}});
  }
  out["permissions"] = std::move(perms);
  out["group_ids"] = boost::json::value_from(p.group_ids);
  out["via"] = ctx.actor().via;
  if (!ctx.auth->csrf_token.empty()) out["csrf_token"] = ctx.auth->csrf_token;
  respond(ctx, 200, out);
  return {};
}

}  // namespace

void add_auth_routes(Router& router) {
  router.add(
      {"POST", "/api/v1/auth/login", "login", Access::public_route, "", BodyKind::json, login});
  router.add(
      {"POST", "/api/v1/auth/logout", "logout", Access::authenticated, "", BodyKind::none, logout});
  router.add({"GET", "/api/v1/me", "getMe", Access::authenticated, "", BodyKind::none, me});
}

}  // namespace fuwu::http
