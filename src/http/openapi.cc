#include "http/openapi.h"

#include <boost/json.hpp>
#include <stdexcept>

namespace fuwu::http {
namespace {

std::string merge() {
  boost::json::object doc;
  for (const auto& [name, text] : openapi_fragments()) {
    if (name == "base") doc = boost::json::parse(text).as_object();
  }
  auto& paths = doc["paths"].emplace_object();
  auto& schemas = doc["components"].as_object()["schemas"].as_object();
  for (const auto& [name, text] : openapi_fragments()) {
    if (name == "base") continue;
    const auto fragment = boost::json::parse(text).as_object();
    for (const auto& [path, item] : fragment.at("paths").as_object()) {
      // Two fragments describing the same path would silently hide one: a build-time bug.
      if (paths.contains(path)) throw std::logic_error("OpenAPI path twice: " + std::string(path));
      paths[path] = item;
    }
    if (const auto* s = fragment.if_contains("schemas")) {
      for (const auto& [schema, value] : s->as_object()) {
        if (schemas.contains(schema)) {
          throw std::logic_error("OpenAPI schema twice: " + std::string(schema));
        }
        schemas[schema] = value;
      }
    }
  }
  return boost::json::serialize(doc);
}

}  // namespace

std::string_view openapi_document() {
  static const std::string doc = merge();
  return doc;
}

}  // namespace fuwu::http
