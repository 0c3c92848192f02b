// Human record numbers: a prefix per kind, the year of creation and a counter per kind and year,
// "INC-2026-000042". Six digits at least; more when a year passes a million.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace fuwu::ticket {

std::string format_number(std::string_view prefix, int year, std::int64_t sequence);

// The year a record created at `t` is numbered in: the civil year in China time (UTC+08:00),
// so a record raised on New Year's morning in Beijing carries the new year.
int numbering_year(Instant t);

struct ParsedNumber {
  std::string prefix;
  int year = 0;
  std::int64_t sequence = 0;
};
// Parses "INC-2026-000042" (case-sensitive prefix of 2–5 capital letters); nullopt otherwise.
std::optional<ParsedNumber> parse_number(std::string_view text);

}  // namespace fuwu::ticket
