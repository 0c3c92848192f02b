#include "app/calendar/zone_loader.h"

#include <fstream>
#include <iterator>

namespace fuwu::calendar {

Result<TimeZone> load_zone(std::string_view name, std::string_view dir) {
  std::string n(name);
  if (n.empty() || n.front() == '/' || n.find("..") != std::string::npos ||
      n.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") !=
          std::string::npos) {
    Error e(ErrorCode::validation_failed, "'" + n + "' is not an IANA time zone name");
    e.with_field("zone", "bad_zone", "expected a name like Asia/Shanghai");
    return e;
  }
  std::ifstream in(std::string(dir) + "/" + n, std::ios::binary);
  if (!in) return make_error(ErrorCode::not_found, "unknown time zone " + n);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return TimeZone::from_tzif(n, bytes);
}

Result<TimeZone> load_zone_or_builtin(std::string_view name, std::string_view dir) {
  auto zone = load_zone(name, dir);
  if (zone.ok() || zone.error().code != ErrorCode::not_found) return zone;
  if (name == "UTC" || name == "Etc/UTC") return TimeZone::fixed(std::string(name), 0);
  if (name == "Asia/Shanghai") return TimeZone::fixed(std::string(name), 8 * 3600);
  return zone;
}

}  // namespace fuwu::calendar
