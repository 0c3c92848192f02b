#include "http/metrics.h"

#include <cstdio>

namespace fuwu::http {

void Metrics::observe(const std::string& route, const std::string& method, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  Series& s = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  }
  ++s.count;
  s.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP fuwu_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE fuwu_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out += "fuwu_http_requests_total{route=\"" + route + "\",method=\"" + method + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP fuwu_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE fuwu_http_request_duration_seconds histogram\n";
  char buf[64];
  for (const auto& [route, s] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "fuwu_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + buf +
             "\"} " + std::to_string(s.buckets[i]) + "\n";
    }
    out += "fuwu_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"} " +
           std::to_string(s.count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", s.sum);
    out += "fuwu_http_request_duration_seconds_sum{route=\"" + route + "\"} " + buf + "\n";
    out += "fuwu_http_request_duration_seconds_count{route=\"" + route + "\"} " +
           std::to_string(s.count) + "\n";
  }
  return out;
}

}  // namespace fuwu::http
