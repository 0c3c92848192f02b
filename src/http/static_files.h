// Serves the built web UI (web/dist): hashed assets with long-lived caching (a missing asset is a
// 404, never index.html), index.html for every other path (the single-page app routes on the
// client), and a strict Content-Security-Policy. Files are cached in memory and re-read when their
// modification time changes, so a rebuilt UI is served without restarting.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "http/api.h"

namespace fuwu::http {

struct Api::StaticFiles {
  explicit StaticFiles(std::string root);
  Response serve(const Request& request);

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::int64_t mtime = 0;  // the file's modification time when read; a rebuild replaces it
  };
  const File* load(const std::string& relative);
  std::string root_;
  std::mutex mutex_;
  std::map<std::string, File> cache_;
};

}  // namespace fuwu::http
