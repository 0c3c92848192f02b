// Configuration: defaults, then a file, then the environment, then command-line flags; each
// later source overrides the earlier ones. Keys are dotted ("http.port"); the file format is
//
//   # comment
//   [http]
//   port = 8080
//
// and the environment variable of "http.port" is FUWU_HTTP_PORT. docs/administration.md lists
// every key with its default.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/result.h"

namespace fuwu {

class Config {
 public:
  // Reads `path` (which must exist when given); unknown keys are an error naming the line.
  Status load_file(const std::string& path, const std::map<std::string, std::string>& known);
  // Overrides known keys from FUWU_* environment variables.
  void load_environment(const std::map<std::string, std::string>& known);
  void set(const std::string& key, std::string value) { values_[key] = std::move(value); }

  std::optional<std::string> get(const std::string& key) const;
  std::string get_or(const std::string& key, const std::string& fallback) const;
  Result<std::int64_t> get_int(const std::string& key, std::int64_t fallback) const;
  Result<bool> get_bool(const std::string& key, bool fallback) const;

  // "http.port" -> "FUWU_HTTP_PORT"
  static std::string env_name(const std::string& key);

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace fuwu
