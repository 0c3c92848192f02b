// Serves the built web UI (web/dist): hashed assets with long-lived caching, index.html for every
// other path (the single-page app routes on the client), and a strict Content-Security-Policy.
#pragma once

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
  };
  const File* load(const std::string& relative);
  std::string root_;
  std::mutex mutex_;
  std::map<std::string, File> cache_;
};

}  // namespace fuwu::http
