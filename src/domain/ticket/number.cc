#include "domain/ticket/number.h"

#include <cstdio>

namespace fuwu::ticket {

std::string format_number(std::string_view prefix, int year, std::int64_t sequence) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "-%04d-%06lld", year, static_cast<long long>(sequence));
  return std::string(prefix) + buf;
}

int numbering_year(Instant t) {
  constexpr std::int64_t kChinaOffset = 8 * 3600;
  const std::int64_t local = t.unix_seconds + kChinaOffset;
  return civil_from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400).year;
}

std::optional<ParsedNumber> parse_number(std::string_view t) {
  const auto d1 = t.find('-');
  if (d1 == std::string_view::npos || d1 < 2 || d1 > 5) return std::nullopt;
  for (std::size_t i = 0; i < d1; ++i) {
    if (t[i] < 'A' || t[i] > 'Z') return std::nullopt;
  }
  if (t.size() < d1 + 1 + 4 + 1 + 6 || t[d1 + 5] != '-') return std::nullopt;
  ParsedNumber p;
  p.prefix = std::string(t.substr(0, d1));
  for (std::size_t i = d1 + 1; i < d1 + 5; ++i) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
    p.year = p.year * 10 + (t[i] - '0');
  }
  const auto digits = t.substr(d1 + 6);
  if (digits.size() > 12) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    p.sequence = p.sequence * 10 + (c - '0');
  }
  return p;
}

}  // namespace fuwu::ticket
