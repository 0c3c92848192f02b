// The API pipeline around the route table: routing, authentication (session cookie or bearer
// token), CSRF for cookie sessions, the route's permission (default deny), Idempotency-Key
// replay for POST, content-type and body checks, problem responses, access log and metrics.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/auth/auth.h"
#include "app/platform/context.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"

namespace fuwu::http {

class LiveEvents;

// Per-request state handed to a route handler. The handler fills `response` (or returns an
// Error, which becomes a problem response).
struct ApiContext {
  const Request& request;
  app::Services& services;
  PathParams params;
  std::optional<app::Authenticated> auth;
  Response response;

  // Runs `unit` in a write transaction. When the request carries an Idempotency-Key, the response
  // the handler sets inside `unit` is stored in the same transaction, so a retry replays it.
  Status write(const store::Unit& unit);
  Status read(const store::Unit& unit) { return services.db.read(unit); }

  const app::Actor& actor() const;
  Instant now() const { return services.clock.now(); }
  // The version named by If-Match (`"7"` or W/"7"); precondition_required when absent.
  Result<std::int64_t> if_match_version() const;
  // A path parameter as a positive integer id; not_found otherwise.
  Result<std::int64_t> id_param(std::string_view name = "id") const;
  // A query parameter (decoded), or nullopt.
  std::optional<std::string> query(std::string_view name) const;

  void json(int status, std::string body);

  // Set by the pipeline for idempotent POSTs.
  std::string idempotency_principal;
  std::string idempotency_key;
  std::string request_hash;
};

struct ApiOptions {
  std::size_t max_json_bytes = 1024 * 1024;
  std::size_t max_upload_bytes = 50 * 1024 * 1024;
  bool access_log = true;
  std::string static_dir;             // the built web UI ("" to serve none)
  LiveEvents* live_events = nullptr;  // for GET /api/v1/events/stream (503 when absent)
};

class Api {
 public:
  Api(app::Services& services, ApiOptions options);
  ~Api();

  // The transport's handler.
  Response handle(Request& request);
  std::size_t body_limit(std::string_view method, std::string_view path) const;
  void observe(const Request& request, const Response& response, double seconds);

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  LiveEvents* live_events() const { return options_.live_events; }

 private:
  Response dispatch(Request& request, std::string& route_name);
  app::Services& services_;
  ApiOptions options_;
  Router router_;
  Metrics metrics_;
  struct StaticFiles;
  std::unique_ptr<StaticFiles> static_files_;
};

// Adds every route of the product to `router` (http/routes.cc).
void register_routes(Router& router, Api& api);

}  // namespace fuwu::http
