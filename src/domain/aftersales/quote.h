// Quotes for paid after-sales work (报价, seed 004 §5.1.16): labour by hours and rate, parts from
// the price list, travel by distance or a fixed amount, and tax. Pure; no I/O. Money is in fen
// (integer minor units); quantities are in thousandths so that 2.5 hours or 37.4 km stay exact.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace fuwu::aftersales {

enum class LineKind { labour, part, travel, other };
std::string_view line_kind_name(LineKind k);

struct QuoteLine {
  LineKind kind = LineKind::other;
  std::string description;
  std::int64_t quantity_milli = 1000;  // 2.5 h = 2500
  std::int64_t unit_price = 0;         // fen per unit (hour, piece, km)
};

struct QuoteTotals {
  std::vector<std::int64_t> line_amounts;  // fen, rounded half up per line
  std::int64_t subtotal = 0;
  std::int64_t tax = 0;  // subtotal × rate, rounded half up
  std::int64_t total = 0;
};

// At least one line; quantities positive and at most 1,000,000 units; prices 0 to 10^10 fen;
// tax rate 0 to 100 % in basis points. validation_failed with field errors ("lines",
// "lines/<i>/quantity", "lines/<i>/unit_price", "tax_rate_bp").
Result<QuoteTotals> quote_totals(const std::vector<QuoteLine>& lines, std::int64_t tax_rate_bp);

}  // namespace fuwu::aftersales
