// Money in integer minor units (fen, cents) with an ISO 4217 currency code. Never a double.
#pragma once

#include <cstdint>
#include <string>

namespace fuwu {

struct Money {
  std::int64_t minor = 0;  // 1 CNY = 100 minor units
  std::string currency = "CNY";
  bool operator==(const Money&) const = default;
};

// "123.45 CNY" (two decimals; every currency Fuwu ships uses two).
std::string format_money(const Money& m);

}  // namespace fuwu
