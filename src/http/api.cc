#include "http/api.h"

#include <chrono>

#include "base/crypto.h"
#include "base/log.h"
#include "http/error_mapping.h"
#include "http/static_files.h"

namespace fuwu::http {
namespace {

bool unsafe_method(std::string_view m) {
  return m != "GET" && m != "HEAD" && m != "OPTIONS";
}

// The value of cookie `name` in a Cookie header, or "".
std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool valid_idempotency_key(std::string_view k) {
  if (k.empty() || k.size() > 255) return false;
  for (unsigned char c : k) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

const app::Actor& ApiContext::actor() const {
  static const app::Actor anonymous{access::Principal{}, "anonymous", {}};
  return auth ? auth->actor : anonymous;
}

Status ApiContext::write(const store::Unit& unit) {
  if (idempotency_key.empty()) return services.db.write(unit);
  return services.db.write([&](store::Executor& ex) -> Status {
    TRY_VOID(unit(ex));
    auto saved = ex.exec(
        "INSERT INTO idempotency_keys (principal, idempotency_key, request_hash, status, "
        "content_type, location, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {idempotency_principal, idempotency_key, request_hash, std::int64_t{response.status},
         std::string(response.header("Content-Type")), std::string(response.header("Location")),
         response.body, format_rfc3339(services.clock.now())});
    return saved.ok() ? Status() : Status(std::move(saved).error());
  });
}

Result<std::int64_t> ApiContext::if_match_version() const {
  std::string_view v = request.header("if-match");
  if (v.empty()) {
    return Error(ErrorCode::precondition_required,
                 "send If-Match with the ETag you read, so a stale write cannot overwrite");
  }
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18) return Error(ErrorCode::precondition_failed, "unknown ETag");
  for (char c : v) {
    if (c < '0' || c > '9') return Error(ErrorCode::precondition_failed, "unknown ETag");
    n = n * 10 + (c - '0');
  }
  return n;
}

Result<std::int64_t> ApiContext::id_param(std::string_view name) const {
  std::string_view v = params.get(name);
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18) return Error(ErrorCode::not_found, "no such record");
  for (char c : v) {
    if (c < '0' || c > '9') return Error(ErrorCode::not_found, "no such record");
    n = n * 10 + (c - '0');
  }
  if (n <= 0) return Error(ErrorCode::not_found, "no such record");
  return n;
}

std::optional<std::string> ApiContext::query(std::string_view name) const {
  std::string_view q = request.query;
  while (!q.empty()) {
    const std::size_t amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    const std::size_t eq = part.find('=');
    if (url_decode(part.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : url_decode(part.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

void ApiContext::json(int status, std::string body) {
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/json");
}

Api::Api(app::Services& services, ApiOptions options)
    : services_(services),
      options_(std::move(options)),
      static_files_(std::make_unique<StaticFiles>(options_.static_dir)) {
  register_routes(router_, *this);
}

Api::~Api() = default;

std::size_t Api::body_limit(std::string_view method, std::string_view path) const {
  const auto m = router_.match(method, path);
  if (m.route && m.route->body == BodyKind::upload) return options_.max_upload_bytes;
  return options_.max_json_bytes;
}

Response Api::handle(Request& request) {
  std::string route_name;
  Response r = dispatch(request, route_name);
  r.set_header("X-Content-Type-Options", "nosniff");
  if (r.header("Cache-Control").empty()) r.set_header("Cache-Control", "no-store");
  // Route label for metrics: the operation, never the raw path (bounded cardinality).
  r.route = std::move(route_name);
  return r;
}

void Api::observe(const Request& request, const Response& response, double seconds) {
  const std::string& route = response.route;
  metrics_.observe(route, request.method, response.status, seconds);
  if (options_.access_log) {
    log::info("http.access", {{"request_id", request.request_id},
                              {"method", request.method},
                              {"path", request.path},
                              {"route", route},
                              {"status", response.status},
                              {"ms", seconds * 1000.0},
                              {"remote", request.remote_address}});
  }
}

Response Api::dispatch(Request& request, std::string& route_name) {
  const bool api_path = request.path.starts_with("/api/") || request.path == "/healthz" ||
                        request.path == "/readyz" || request.path == "/metrics";
  if (!api_path) {
    route_name = "static";
    return static_files_->serve(request);
  }
  RouteMatch m = router_.match(request.method, request.path);
  if (!m.route) {
    if (!m.allowed_methods.empty()) {
      route_name = "method_not_allowed";
      Response r =
          problem_response(Error(ErrorCode::invalid_request, "method not allowed on this resource"),
                           request.request_id);
      r.status = 405;
      std::string allow;
      for (const auto& a : m.allowed_methods)
        allow += (allow.empty() ? "" : ", ") + a;
      r.set_header("Allow", allow);
      return r;
    }
    route_name = "not_found";
    return problem_response(Error(ErrorCode::not_found, "no such resource"), request.request_id);
  }
  const Route& route = *m.route;
  route_name = route.operation_id;
  ApiContext ctx{request, services_, std::move(m.params), std::nullopt, Response{}};

  auto fail = [&](const Error& e) {
    if (e.code == ErrorCode::internal) {
      log::error("http.internal_error",
                 {{"request_id", request.request_id}, {"route", route_name}, {"error", e.message}});
    }
    return problem_response(e, request.request_id);
  };

  if (route.body == BodyKind::json && !request.body.empty()) {
    const std::string_view ct = request.header("content-type");
    if (!ct.starts_with("application/json") && !ct.starts_with("application/merge-patch+json")) {
      return fail(Error(ErrorCode::unsupported_media_type, "send the body as application/json"));
    }
  }

  // Authentication: a bearer token, else the session cookie.
  bool via_cookie = false;
  if (route.access != Access::public_route || !request.header("authorization").empty()) {
    const std::string_view authz = request.header("authorization");
    Result<app::Authenticated> who = Error(ErrorCode::unauthenticated, "authentication required");
    if (authz.starts_with("Bearer ")) {
      who = app::authenticate_token(services_, authz.substr(7), request.request_id);
    } else if (auto cookie = cookie_value(request.header("cookie"), "fuwu_session");
               !cookie.empty()) {
      who = app::authenticate_session(services_, cookie, request.request_id);
      via_cookie = true;
    }
    if (!who.ok()) {
      if (route.access != Access::public_route) return fail(who.error());
    } else {
      ctx.auth = std::move(who).value();
    }
  }
  if (ctx.auth && via_cookie && unsafe_method(request.method)) {
    if (!crypto::constant_time_equal(request.header("x-csrf-token"), ctx.auth->csrf_token)) {
      return fail(
          Error(ErrorCode::permission_denied,
                "missing or wrong X-CSRF-Token (it is returned by login and GET /api/v1/me)"));
    }
  }
  if (route.access == Access::permission &&
      !access::can(ctx.auth->actor.principal, route.permission)) {
    return fail(Error(ErrorCode::permission_denied, "you lack the permission " + route.permission));
  }

  // Idempotency-Key: replay the first response of a POST.
  if (request.method == "POST" && !request.header("idempotency-key").empty()) {
    const std::string_view key = request.header("idempotency-key");
    if (!valid_idempotency_key(key)) {
      return fail(Error(ErrorCode::invalid_request,
                        "Idempotency-Key must be 1 to 255 visible ASCII characters"));
    }
    ctx.idempotency_principal = ctx.auth
                                    ? "user:" + std::to_string(ctx.auth->actor.principal.user_id)
                                    : "addr:" + request.remote_address;
    ctx.idempotency_key = std::string(key);
    ctx.request_hash =
        crypto::sha256_hex(request.method + " " + request.path + "\n" + request.body);
  }
  auto replay = [&]() -> std::optional<Response> {
    std::optional<Response> out;
    std::string stored_hash;
    auto st = services_.db.read([&](store::Executor& ex) -> Status {
      auto row = TRY(ex.query_one(
          "SELECT request_hash, status, content_type, location, body FROM idempotency_keys "
          "WHERE principal = $1 AND idempotency_key = $2",
          {ctx.idempotency_principal, ctx.idempotency_key}));
      if (!row) return {};
      stored_hash = row->text(0);
      Response r;
      r.status = static_cast<int>(row->i64(1));
      r.set_header("Content-Type", row->text(2));
      if (!row->text(3).empty()) r.set_header("Location", row->text(3));
      r.body = row->text(4);
      r.set_header("Idempotent-Replayed", "true");
      out = std::move(r);
      return {};
    });
    if (!st.ok()) return fail(st.error());
    if (out && stored_hash != ctx.request_hash) {
      return fail(Error(ErrorCode::validation_failed,
                        "this Idempotency-Key was used for a different request")
                      .with_field("Idempotency-Key", "reused", "use a new key for a new request"));
    }
    return out;
  };
  if (!ctx.idempotency_key.empty()) {
    if (auto r = replay()) return *r;
  }

  Status st = route.handler(ctx);
  if (!st.ok()) {
    // A concurrent request with the same key may have committed first (possibly in the same
    // commit batch, so this one failed on a unique key): answer with its response.
    if (!ctx.idempotency_key.empty()) {
      if (auto r = replay()) return *r;
    }
    return fail(st.error());
  }
  return std::move(ctx.response);
}

}  // namespace fuwu::http
