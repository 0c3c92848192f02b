// A short-lived, per-process cache of resolved credentials (session or token hash → who).
//
// Resolving a credential costs a read transaction with four queries; at tens of thousands of
// requests per second that dominates a cheap GET. Entries live `ttl` (default 1 s). Any change
// to credentials made through this process (logout, password change, disable, token revocation)
// clears the whole cache at once; a change made by another process (the CLI, another node)
// takes effect within `ttl`.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/platform/context.h"

namespace fuwu::app {

struct Authenticated;

class AuthCache {
 public:
  explicit AuthCache(Duration ttl = Duration::of_seconds(1), std::size_t max_entries = 20000)
      : ttl_(ttl), max_entries_(max_entries) {}

  std::optional<Authenticated> get(const std::string& key, Instant now);
  void put(const std::string& key, const Authenticated& value, Instant now);
  void clear();

 private:
  struct Entry;
  Duration ttl_;
  std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries_;
};

}  // namespace fuwu::app
