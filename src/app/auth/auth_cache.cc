#include "app/auth/auth_cache.h"

#include "app/auth/auth.h"

namespace fuwu::app {

struct AuthCache::Entry {
  Authenticated value;
  Instant stored_at;
};

std::optional<Authenticated> AuthCache::get(const std::string& key, Instant now) {
  std::shared_ptr<const Entry> e;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (now - it->second->stored_at >= ttl_ || now < it->second->stored_at) {
      entries_.erase(it);
      return std::nullopt;
    }
    e = it->second;
  }
  return e->value;
}

void AuthCache::put(const std::string& key, const Authenticated& value, Instant now) {
  auto e = std::make_shared<const Entry>(Entry{value, now});
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = std::move(e);
}

void Services::credentials_changed() const {
  if (auth_cache != nullptr) auth_cache->clear();
}

void AuthCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

}  // namespace fuwu::app
