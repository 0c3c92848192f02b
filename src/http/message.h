// Plain HTTP request and response values passed between the transport (server.cc, the only code
// that includes Beast) and the router and handlers. Header names are stored lower-cased.
#pragma once

#include <cstdint>
#include <memory>
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

// A response body produced over time (Server-Sent Events). After sending the status, the headers
// and `Response::body`, the transport calls take() every 200 ms on an I/O thread (so it must not
// block) and sends what it returns, until open() is false, the client goes away or the server
// drains; then it closes the connection (the body is delimited by the close).
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  virtual std::string take() = 0;
  virtual bool open() = 0;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool close = false;                  // close the connection after this response
  std::string route;                   // the route's operation id, for logs and metrics (not sent)
  std::shared_ptr<BodyStream> stream;  // set for a streamed body (see BodyStream)

  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
};

}  // namespace fuwu::http
