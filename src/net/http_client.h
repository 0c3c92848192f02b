// Outgoing HTTP POST for webhooks and group robots, through libcurl, with an SSRF guard: the
// host is resolved once, every address is checked (loopback, link-local, private, unique-local,
// unspecified, multicast and the cloud metadata address are refused unless allowed), and the
// connection is pinned to the checked address so a second DNS answer cannot redirect it.
// Redirects are not followed.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace fuwu::net {

struct HttpPost {
  std::string url;  // http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_seconds = 10;
  bool allow_private_addresses = false;
};

struct HttpReply {
  long status = 0;
  std::string body;  // at most 64 KiB kept
};

// True when `address` (a numeric IPv4 or IPv6 address) is one the guard refuses by default.
bool is_private_address(const std::string& address);

// Errors: permission_denied (the guard refused the address), invalid_request (not an http(s)
// URL), unavailable (DNS, connection, timeout). An HTTP error status is a reply, not an error.
Result<HttpReply> post(const HttpPost& request);

// Percent-encodes for a URL query value.
std::string url_encode(std::string_view text);

}  // namespace fuwu::net
