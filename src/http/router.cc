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

// Whether the pattern matches the path's segments, walking the pattern without allocating (the
// router tries every route for every request); `params`, when given, receives the values.
bool match_pattern(std::string_view pattern, const std::vector<std::string_view>& xs,
                   PathParams* params) {
  std::size_t i = 0, n = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t end = std::min(pattern.find('/', i), pattern.size());
    const std::string_view p = pattern.substr(i, end - i);
    i = end;
    if (n == xs.size()) return false;
    const std::size_t close = p.find('}');
    if (p.size() >= 2 && p.front() == '{' && close != std::string_view::npos) {
      // "{month}.xlsx": a parameter, possibly followed by a literal suffix within the segment.
      const std::string_view suffix = p.substr(close + 1);
      if (xs[n].size() <= suffix.size() || !xs[n].ends_with(suffix)) return false;
      if (params) {
        params->values.emplace_back(std::string(p.substr(1, close - 1)),
                                    xs[n].substr(0, xs[n].size() - suffix.size()));
      }
    } else if (p != xs[n]) {
      return false;
    }
    ++n;
  }
  return n == xs.size();
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
  const auto xs = segments(path);
  for (const auto& r : routes_) {
    if (!match_pattern(r.pattern, xs, nullptr)) continue;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      match_pattern(r.pattern, xs, &m.params);
      m.allowed_methods.clear();
      return m;
    }
    m.allowed_methods.push_back(r.method);
  }
  return m;
}

}  // namespace fuwu::http
