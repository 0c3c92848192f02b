#include "http/router.h"

namespace fuwu::http {
namespace {

// Splits "/a/b/c" into {"a", "b", "c"}; a trailing slash gives no empty segment.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t end = std::min(path.find('/', i), path.size());
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path, PathParams& params) {
  const auto ps = segments(pattern);
  const auto xs = segments(path);
  if (ps.size() != xs.size()) return false;
  params.values.clear();
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() >= 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      if (xs[i].empty()) return false;
      params.values.emplace_back(std::string(ps[i].substr(1, ps[i].size() - 2)),
                                 std::string(xs[i]));
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view PathParams::get(std::string_view name) const {
  for (const auto& [k, v] : values) {
    if (k == name) return v;
  }
  return {};
}

void Router::add(Route route) {
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch m;
  PathParams params;
  for (const auto& r : routes_) {
    if (!match_pattern(r.pattern, path, params)) continue;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      m.params = std::move(params);
      m.allowed_methods.clear();
      return m;
    }
    m.allowed_methods.push_back(r.method);
  }
  return m;
}

}  // namespace fuwu::http
