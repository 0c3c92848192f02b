#include "base/config.h"

#include <cstdlib>
#include <fstream>

namespace fuwu {
namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string Config::env_name(const std::string& key) {
  std::string out = "FUWU_";
  for (char c : key) {
    if (c == '.' || c == '-') {
      out += '_';
    } else if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else {
      out += c;
    }
  }
  return out;
}

Status Config::load_file(const std::string& path, const std::map<std::string, std::string>& known) {
  std::ifstream in(path);
  if (!in) return Error(ErrorCode::invalid_request, "cannot read the configuration file " + path);
  std::string line, section;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (line.front() == '[') {
      if (line.back() != ']')
        return Error(ErrorCode::invalid_request, where + "unclosed [section]");
      section = trim(line.substr(1, line.size() - 2));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      return Error(ErrorCode::invalid_request, where + "expected key = value");
    }
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!section.empty()) key = section + "." + key;
    if (!known.contains(key))
      return Error(ErrorCode::invalid_request, where + "unknown key " + key);
    values_[key] = value;
  }
  return {};
}

void Config::load_environment(const std::map<std::string, std::string>& known) {
  for (const auto& [key, _] : known) {
    if (const char* v = std::getenv(env_name(key).c_str())) values_[key] = v;
  }
}

std::optional<std::string> Config::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Config::get_or(const std::string& key, const std::string& fallback) const {
  return get(key).value_or(fallback);
}

Result<std::int64_t> Config::get_int(const std::string& key, std::int64_t fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const long long n = std::stoll(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return static_cast<std::int64_t>(n);
  } catch (const std::exception&) {
    return Error(ErrorCode::invalid_request, key + " must be a whole number, not '" + *v + "'");
  }
}

Result<bool> Config::get_bool(const std::string& key, bool fallback) const {
  auto v = get(key);
  if (!v) return fallback;
  if (*v == "true" || *v == "1" || *v == "yes" || *v == "on") return true;
  if (*v == "false" || *v == "0" || *v == "no" || *v == "off") return false;
  return Error(ErrorCode::invalid_request, key + " must be true or false, not '" + *v + "'");
}

}  // namespace fuwu
