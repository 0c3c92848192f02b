// Plain HTTP request and response values passed between the transport (server.cc, the only code
// that includes Beast) and the router and handlers. Header names are stored lower-cased.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fuwu::http {

struct Request {
  std::string method;  // "GET", "POST" ...
  std::string path;    // decoded-free raw path, without the query: "/api/v1/organisations/3"
  std::string query;   // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case names
  std::string body;
  std::string remote_address;
  std::string request_id;
  bool tls = false;  // true when the client reached us over TLS (X-Forwarded-Proto: https)

  // The first header with this (lower-case) name, or "".
  std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;  // close the connection after this response
  std::string route;   // the route's operation id, for logs and metrics (not sent)

  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
};

}  // namespace fuwu::http
