// The route table: every API route with its method, path pattern, operation name, the permission
// it needs and its handler. A plain table, not static registration, so it can be listed and
// compared with the OpenAPI document.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace fuwu::http {

struct ApiContext;
using RouteHandler = std::function<Status(ApiContext&)>;

// What a route needs from its caller.
enum class Access {
  public_route,   // no authentication (login, health)
  authenticated,  // any signed-in principal
  permission,     // the principal must hold Route::permission
};

enum class BodyKind { none, json, upload };

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/organisations/{id}"
  std::string operation_id;
  Access access = Access::permission;
  std::string permission;  // for Access::permission
  BodyKind body = BodyKind::none;
  RouteHandler handler;
};

struct PathParams {
  std::vector<std::pair<std::string, std::string>> values;
  std::string_view get(std::string_view name) const;
};

struct RouteMatch {
  const Route* route = nullptr;
  PathParams params;
  std::vector<std::string> allowed_methods;  // when the path matched but the method did not
};

class Router {
 public:
  void add(Route route);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace fuwu::http
