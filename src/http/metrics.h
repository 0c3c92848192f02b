// Prometheus metrics of the HTTP layer: requests by route and status, a latency histogram per
// route. Thread-safe and cheap on the hot path (a mutex-free lookup per route after warm-up is not
// needed at our request rates: one short mutex section per request).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace fuwu::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  void observe(const std::string& route, const std::string& method, int status, double seconds);
  // Prometheus text exposition format (version 0.0.4) of what was observed.
  std::string render() const;

 private:
  struct Series {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Series> latency_;
};

}  // namespace fuwu::http
