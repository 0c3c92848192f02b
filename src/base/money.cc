#include "base/money.h"

#include <cstdio>

namespace fuwu {

std::string format_money(const Money& m) {
  const bool negative = m.minor < 0;
  const std::uint64_t abs = negative ? static_cast<std::uint64_t>(-(m.minor + 1)) + 1
                                     : static_cast<std::uint64_t>(m.minor);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu %s", negative ? "-" : "",
                static_cast<unsigned long long>(abs / 100),
                static_cast<unsigned long long>(abs % 100), m.currency.c_str());
  return buf;
}

}  // namespace fuwu
