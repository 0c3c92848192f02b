#include "app/users/user.h"
#include "base/crypto.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::value optional_id(std::int64_t id) {
  return id ? boost::json::value(id) : boost::json::value(nullptr);
}

boost::json::object user_json(const app::User& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"kind", u.kind},
          {"display_name", u.display_name},
          {"email", u.email},
          {"phone", u.phone},
          {"role", u.role},
          {"organisation_id", optional_id(u.organisation_id)},
          {"disabled", u.disabled},
          {"available", u.available},
          {"language", u.language},
          {"time_zone", u.time_zone},
          {"manager_id", optional_id(u.manager_id)},
          {"version", u.version},
          {"created_at", instant_json(u.created_at)},
          {"updated_at", instant_json(u.updated_at)}};
}

void respond_user(ApiContext& ctx, int status, const app::User& u) {
  ctx.response.set_header("ETag", etag(u.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/users/" + std::to_string(u.id));
  respond(ctx, status, user_json(u));
}

// A positive id written in decimal, or nullopt.
std::optional<std::int64_t> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n == 0) return std::nullopt;
  return n;
}

// The session cookie the request came with ("" when none).
std::string_view session_cookie_value(const ApiContext& ctx) {
  std::string_view cookie = ctx.request.header("cookie");
  while (!cookie.empty()) {
    const auto semi = cookie.find(';');
    std::string_view part = cookie.substr(0, semi);
    while (part.starts_with(' '))
      part.remove_prefix(1);
    if (part.starts_with("fuwu_session=")) return part.substr(13);
    if (semi == std::string_view::npos) break;
    cookie.remove_prefix(semi + 1);
  }
  return {};
}

constexpr TextRule kLogin{.min_chars = 1, .max_chars = 64, .single_line = true};
constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kShort{.max_chars = 254, .single_line = true};
constexpr TextRule kPassword{.min_chars = 1, .max_chars = 1024, .trim = false};
constexpr IntRange kId{.min = 1};

// The password of a body member, hashed (Argon2id, slow: before any unit); field errors name
// `field`.
Result<std::string> hashed(const std::string& password, std::string_view field) {
  auto hash = app::prepare_password(password);
  if (hash.ok()) return std::move(hash).value();
  Error e = std::move(hash).error();
  for (auto& f : e.fields)
    f.field = std::string(field);
  return e;
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "users"));
  app::UserFilter filter;
  if (auto org = ctx.query("organisation")) {
    const auto id = parse_id(*org);
    if (!id) {
      return Error(ErrorCode::invalid_request, "organisation must be an id")
          .with_field("organisation", "invalid_format", "a positive whole number");
    }
    filter.organisation_id = *id;
  }
  filter.role = ctx.query("role");
  filter.kind = ctx.query("kind");
  if (filter.kind && *filter.kind != "user" && *filter.kind != "contact") {
    return Error(ErrorCode::invalid_request, "unknown kind")
        .with_field("kind", "not_allowed", "one of user, contact");
  }
  filter.q = ctx.query("q");
  app::UserPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_users(ex, ctx.actor(), filter, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& u : result.items)
    items.push_back(user_json(u));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = result.next_after_id
                           ? boost::json::value(encode_cursor("users", *result.next_after_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewUser in;
  in.login = r.text("login", Presence::required, kLogin).value_or("");
  in.kind = r.one_of("kind", {"user", "contact"}).value_or("user");
  in.role = r.text("role", Presence::required, kLogin).value_or("");
  in.organisation_id = r.integer("organisation_id", Presence::optional, kId).value_or(0);
  in.display_name = r.text("display_name", Presence::optional, kName).value_or("");
  in.email = r.text("email", Presence::optional, kShort).value_or("");
  in.phone = r.text("phone", Presence::optional, kShort).value_or("");
  in.language = r.text("language", Presence::optional, kShort).value_or("zh-CN");
  in.time_zone = r.text("time_zone", Presence::optional, kShort).value_or("Asia/Shanghai");
  in.password = r.text("password", Presence::optional, kPassword).value_or("");
  if (in.kind == "contact" && !in.password.empty()) {
    r.add_error(r.pointer_of("password"), "not_allowed", "a contact has no password");
  }
  TRY_VOID(r.finish());
  std::string hash;
  if (!in.password.empty()) hash = TRY(hashed(in.password, "password"));
  return ctx.write([&](store::Executor& ex) -> Status {
    auto user = TRY(app::create_user(ex, ctx.actor(), ctx.now(), in, hash));
    respond_user(ctx, 201, user);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_user, respond_user);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::UserPatch p;
  p.display_name = r.text("display_name", Presence::optional, kName);
  p.email = r.text("email", Presence::optional, kShort);
  p.phone = r.text("phone", Presence::optional, kShort);
  p.role = r.text("role", Presence::optional, kLogin);
  if (r.is_null("organisation_id")) {
    p.organisation_id = 0;
  } else {
    p.organisation_id = r.integer("organisation_id", Presence::optional, kId);
  }
  p.language = r.text("language", Presence::optional, kShort);
  p.time_zone = r.text("time_zone", Presence::optional, kShort);
  if (r.is_null("manager_id")) {
    p.manager_id = 0;
  } else {
    p.manager_id = r.integer("manager_id", Presence::optional, kId);
  }
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto user = TRY(app::update_user(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_user(ctx, 200, user);
    return {};
  }));
  // A new role changes what the person's sessions and tokens may do.
  ctx.services.credentials_changed();
  return {};
}

Status set_disabled(ApiContext& ctx, bool disabled) {
  const auto id = TRY(ctx.id_param());
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto user = TRY(app::set_user_disabled(ex, ctx.actor(), ctx.now(), id, disabled));
    respond_user(ctx, 200, user);
    return {};
  }));
  // Cleared after the commit, so no request can re-cache the old state.
  ctx.services.credentials_changed();
  return {};
}

Status disable(ApiContext& ctx) {
  return set_disabled(ctx, true);
}
Status enable(ApiContext& ctx) {
  return set_disabled(ctx, false);
}

Status set_password(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto password = r.text("password", Presence::required, kPassword);
  TRY_VOID(r.finish());
  const std::string hash = TRY(hashed(*password, "password"));
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    auto user = TRY(app::set_user_password(ex, ctx.actor(), ctx.now(), id, hash));
    respond_user(ctx, 200, user);
    return {};
  }));
  ctx.services.credentials_changed();
  return {};
}

// POST /api/v1/me/password: the caller's own password, checked against the current one.
Status change_my_password(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto current = r.text("current_password", Presence::required, kPassword);
  const auto next = r.text("new_password", Presence::required, kPassword);
  TRY_VOID(r.finish());
  const std::int64_t user_id = ctx.actor().principal.user_id;
  const std::string& login = ctx.actor().principal.login;
  std::string stored;
  std::optional<std::int64_t> locked;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    stored = TRY(app::read_password_hash(ex, user_id));
    locked = TRY(app::password_locked_for(ex, login, ctx.now()));
    return {};
  }));
  if (locked) {
    Error e(ErrorCode::rate_limited, "too many wrong passwords; try again later");
    e.retry_after_seconds = *locked;
    return e;
  }
  // Argon2id outside any transaction; a missing hash costs the same as a wrong password.
  if (!crypto::verify_password(*current, stored.empty() ? crypto::decoy_password_hash() : stored) ||
      stored.empty()) {
    const auto& settings = ctx.services.settings;
    const access::ThrottlePolicy policy{settings.login_max_failures,
                                        Duration::of_minutes(settings.login_window_minutes),
                                        Duration::of_minutes(settings.login_lockout_minutes)};
    TRY_VOID(ctx.services.db.write([&](store::Executor& ex) -> Status {
      return app::record_password_failure(ex, login, policy, ctx.now());
    }));
    return Error(ErrorCode::validation_failed, "the current password is not correct")
        .with_field("current_password", "incorrect", "the password you sign in with now");
  }
  const std::string hash = TRY(hashed(*next, "new_password"));
  std::string keep;
  if (ctx.actor().via == "session") keep = crypto::sha256_hex(session_cookie_value(ctx));
  TRY_VOID(ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::change_own_password(ex, ctx.actor(), ctx.now(), stored, hash, keep));
    ctx.response.status = 204;
    return {};
  }));
  ctx.services.credentials_changed();
  return {};
}

}  // namespace

void add_user_routes(Router& router) {
  router.add(
      {"GET", "/api/v1/users", "listUsers", Access::permission, "user.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/users", "createUser", Access::permission, "user.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/users/{id}", "getUser", Access::permission, "user.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/users/{id}", "updateUser", Access::permission, "user.write",
              BodyKind::json, patch});
  router.add({"POST", "/api/v1/users/{id}/disable", "disableUser", Access::permission, "user.write",
              BodyKind::none, disable});
  router.add({"POST", "/api/v1/users/{id}/enable", "enableUser", Access::permission, "user.write",
              BodyKind::none, enable});
  router.add({"POST", "/api/v1/users/{id}/password", "setUserPassword", Access::permission,
              "user.write", BodyKind::json, set_password});
  router.add({"POST", "/api/v1/me/password", "changeMyPassword", Access::authenticated, "",
              BodyKind::json, change_my_password});
}

}  // namespace fuwu::http
