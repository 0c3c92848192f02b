#include "http/static_files.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace fuwu::http {
namespace {

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
    "data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri "
    "'self'; form-action 'self'";

std::string content_type_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".json")) return "application/json";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool safe_relative(std::string_view p) {
  if (p.find("..") != std::string_view::npos || p.find('\\') != std::string_view::npos)
    return false;
  if (p.find('\0') != std::string_view::npos) return false;
  return true;
}

}  // namespace

Api::StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

const Api::StaticFiles::File* Api::StaticFiles::load(const std::string& relative) {
  const std::string path = root_ + "/" + relative;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  const std::int64_t mtime =
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(relative); it != cache_.end() && it->second.mtime == mtime) {
    return &it->second;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream ss;
  ss << in.rdbuf();
  File& f = cache_[relative];
  f = File{ss.str(), content_type_for(relative), mtime};
  return &f;
}

Response Api::StaticFiles::serve(const Request& request) {
  Response r;
  if (request.method != "GET" && request.method != "HEAD") {
    r.status = 405;
    r.set_header("Allow", "GET, HEAD");
    return r;
  }
  std::string rel = request.path.size() > 1 ? request.path.substr(1) : "index.html";
  const File* f = nullptr;
  if (!root_.empty() && safe_relative(rel) && !rel.ends_with("/")) f = load(rel);
  const bool asset = rel.starts_with("assets/");
  if (f == nullptr && asset) {
    // A script or stylesheet that is not there must not come back as index.html.
    r.status = 404;
    r.set_header("Content-Type", "text/plain; charset=utf-8");
    r.body = "not found\n";
    return r;
  }
  if (f == nullptr && !root_.empty()) {
    rel = "index.html";
    f = load(rel);
  }
  if (f == nullptr) {
    r.status = 404;
    r.set_header("Content-Type", "text/plain; charset=utf-8");
    r.body = "Fuwu: the web UI is not built (run scripts/build). The API is at /api/v1/.\n";
    return r;
  }
  r.status = 200;
  r.body = f->body;
  r.set_header("Content-Type", f->content_type);
  r.set_header("Cache-Control", asset ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("Content-Security-Policy", kCsp);
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "same-origin");
  return r;
}

}  // namespace fuwu::http
