#include "domain/aftersales/quote.h"

namespace fuwu::aftersales {

std::string_view line_kind_name(LineKind k) {
  switch (k) {
    case LineKind::labour:
      return "labour";
    case LineKind::part:
      return "part";
    case LineKind::travel:
      return "travel";
    case LineKind::other:
      return "other";
  }
  return "";
}

Result<QuoteTotals> quote_totals(const std::vector<QuoteLine>& lines, std::int64_t tax_rate_bp) {
  Error e(ErrorCode::validation_failed, "the quote is not valid");
  if (lines.empty()) e.with_field("lines", "required", "at least one line");
  if (lines.size() > 200) e.with_field("lines", "too_long", "at most 200 lines");
  if (tax_rate_bp < 0 || tax_rate_bp > 10000) {
    e.with_field("tax_rate_bp", "out_of_range", "0 to 10000 (basis points)");
  }
  QuoteTotals t;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const std::string at = "lines/" + std::to_string(i) + "/";
    bool ok = true;
    if (l.quantity_milli <= 0 || l.quantity_milli > 1'000'000'000) {
      e.with_field(at + "quantity", "out_of_range", "more than 0, at most 1,000,000");
      ok = false;
    }
    if (l.unit_price < 0 || l.unit_price > 10'000'000'000) {
      e.with_field(at + "unit_price", "out_of_range", "0 to 10^10 fen");
      ok = false;
    }
    // At most 10^9 × 10^10 = 10^19 would overflow; split the product to stay within int64.
    const std::int64_t amount = ok ? (l.quantity_milli / 1000) * l.unit_price +
                                         ((l.quantity_milli % 1000) * l.unit_price + 500) / 1000
                                   : 0;
    t.line_amounts.push_back(amount);
    t.subtotal += amount;
  }
  if (!e.fields.empty()) return e;
  // Split so that subtotal × rate cannot overflow.
  t.tax = (t.subtotal / 10000) * tax_rate_bp + ((t.subtotal % 10000) * tax_rate_bp + 5000) / 10000;
  t.total = t.subtotal + t.tax;
  return t;
}

}  // namespace fuwu::aftersales
