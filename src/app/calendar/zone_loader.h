// Loads IANA time zones from the system's zoneinfo directory (the only file I/O of calendars).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "domain/calendar/time_zone.h"

namespace fuwu::calendar {

inline constexpr std::string_view kSystemZoneinfo = "/usr/share/zoneinfo";

// Reads and parses <dir>/<name>. Fails with validation_failed for a name that is not an IANA zone
// name (empty, absolute, containing "..") and not_found when no such file exists; invalid_request
// when the file is not TZif.
Result<TimeZone> load_zone(std::string_view name, std::string_view dir = kSystemZoneinfo);

// Like load_zone, but when the zoneinfo file is missing (a container without tzdata) falls back to
// a rule built into the binary for the zones the shipped calendars use ("UTC", "Asia/Shanghai",
// whose offset has been +08:00 without DST since 1991). Other zones fail as load_zone does.
Result<TimeZone> load_zone_or_builtin(std::string_view name,
                                      std::string_view dir = kSystemZoneinfo);

}  // namespace fuwu::calendar
