#include "net/http_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <mutex>

namespace fuwu::net {
namespace {

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  const std::size_t bytes = size * n;
  if (out->size() < 65536) out->append(data, std::min(bytes, 65536 - out->size()));
  return bytes;
}

struct Target {
  std::string scheme;
  std::string host;  // without brackets
  int port = 0;
};

Result<Target> parse_target(const std::string& url) {
  CURLU* u = curl_url();
  Target t;
  const bool ok = curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK;
  char* scheme = nullptr;
  char* host = nullptr;
  char* port = nullptr;
  if (ok) {
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(u, CURLUPART_HOST, &host, 0);
    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
  }
  if (scheme) t.scheme = scheme;
  if (host) t.host = host;
  if (port) t.port = std::atoi(port);
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(u);
  if (!ok || (t.scheme != "http" && t.scheme != "https") || t.host.empty() || t.port <= 0)
    return Error(ErrorCode::invalid_request, "not an http(s) URL");
  if (t.host.front() == '[' && t.host.back() == ']') t.host = t.host.substr(1, t.host.size() - 2);
  return t;
}

}  // namespace

bool is_private_address(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    const std::uint32_t a = ntohl(v4.s_addr);
    auto in = [a](std::uint32_t net, int bits) {
      return bits == 0 || (a >> (32 - bits)) == (net >> (32 - bits));
    };
    return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x7F000000, 8) || in(0xA9FE0000, 16) ||
           in(0xAC100000, 12) || in(0xC0A80000, 16) || in(0x64400000, 10) || in(0xC0000000, 24) ||
           in(0xE0000000, 4) || in(0xF0000000, 4);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    const unsigned char* b = v6.s6_addr;
    static const unsigned char zero[16] = {0};
    if (std::memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return true;  // :: and ::1
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true;                        // fe80::/10
    if ((b[0] & 0xfe) == 0xfc) return true;                                        // fc00::/7
    if (b[0] == 0xff) return true;                                                 // multicast
    // IPv4-mapped (::ffff:a.b.c.d): check the IPv4 address.
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(b, mapped, 12) == 0) {
      char text[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, b + 12, text, sizeof text);
      return is_private_address(text);
    }
    return false;
  }
  return true;  // not an address: refuse
}

std::string url_encode(std::string_view text) {
  init_curl();
  char* e = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

Result<HttpReply> post(const HttpPost& req) {
  init_curl();
  const Target target = TRY(parse_target(req.url));
  // Resolve once and check every address.
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(target.host.c_str(), nullptr, &hints, &found) != 0 || !found)
    return Error(ErrorCode::unavailable, "cannot resolve " + target.host);
  std::string pinned;
  std::string refused;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    const void* src =
        ai->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr)
            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr);
    inet_ntop(ai->ai_family, src, text, sizeof text);
    if (!req.allow_private_addresses && is_private_address(text)) {
      refused = text;
      break;
    }
    if (pinned.empty()) pinned = ai->ai_family == AF_INET6 ? "[" + std::string(text) + "]" : text;
  }
  freeaddrinfo(found);
  if (!refused.empty()) {
    return Error(ErrorCode::permission_denied,
                 "refused: " + target.host + " resolves to the private address " + refused);
  }
  if (pinned.empty()) return Error(ErrorCode::unavailable, "cannot resolve " + target.host);

  CURL* curl = curl_easy_init();
  if (!curl) return Error(ErrorCode::internal, "libcurl could not start");
  curl_slist* resolve = curl_slist_append(
      nullptr, (target.host + ":" + std::to_string(target.port) + ":" + pinned).c_str());
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : req.headers)
    headers = curl_slist_append(headers, (k + ": " + v).c_str());
  HttpReply reply;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(req.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(headers);
  curl_slist_free_all(resolve);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Error(ErrorCode::unavailable,
                 std::string("HTTP: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  }
  return reply;
}

}  // namespace fuwu::net
