// How documents print instants: in China time (UTC+8), as the customer and the service manager
// read them. One place for the repair sheet, the monthly statistics and the survey report.
#pragma once

#include <string>

#include "base/time.h"

namespace fuwu::report {

// "2026-07-02 09:00" (China time).
inline std::string china_time(Instant t) {
  const std::string s = format_rfc3339(t, 8 * 3600, false);
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

// "2026-07-02" (China time).
inline std::string china_date(Instant t) {
  return format_rfc3339(t, 8 * 3600, false).substr(0, 10);
}

}  // namespace fuwu::report
