#include "app/quotes/quote.h"

namespace fuwu::app {

Result<std::optional<Quote>> find_quote(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      "SELECT id, work_order_id, state, currency, tax_rate_bp, subtotal, tax, total, note, "
      "decided_by, decided_at, decision_reason, created_at, paid_amount, signature_sha256 FROM "
      "quotes WHERE id = $1",
      {id}));
  if (!row) return std::optional<Quote>();
  const auto& r = *row;
  Quote q;
  q.id = r.i64(0);
  q.work_order_id = r.i64(1);
  q.state = r.text(2);
  q.currency = r.text(3);
  q.tax_rate_bp = r.i64(4);
  q.subtotal = r.i64(5);
  q.tax = r.i64(6);
  q.total = r.i64(7);
  q.note = r.text(8);
  q.decided_by = r.text(9);
  if (!r.is_null(10)) q.decided_at = parse_rfc3339(r.text(10));
  q.decision_reason = r.text(11);
  q.created_at = parse_rfc3339(r.text(12)).value_or(Instant{});
  if (!r.is_null(13)) q.paid_amount = r.i64(13);
  q.signature_sha256 = r.text(14);
  auto lines = TRY(ex.query(
      "SELECT kind, description, part_id, quantity_milli, unit_price, amount FROM quote_lines "
      "WHERE quote_id = $1 ORDER BY position",
      {id}));
  for (const auto& l : lines)
    q.lines.push_back({l.text(0), l.text(1), l.i64(2), l.i64(3), l.i64(4), l.i64(5)});
  auto payments =
      TRY(ex.query("SELECT id, amount, method, reference, paid_at, created_at FROM quote_payments "
                   "WHERE quote_id = $1 ORDER BY id",
                   {id}));
  for (const auto& p : payments) {
    q.payments.push_back({p.i64(0), p.i64(1), p.text(2), p.text(3),
                          parse_rfc3339(p.text(4)).value_or(Instant{}),
                          parse_rfc3339(p.text(5)).value_or(Instant{})});
  }
  return std::optional<Quote>(std::move(q));
}

std::int64_t quote_balance(const Quote& q) {
  return q.state == "accepted" ? q.total - q.paid_amount.value_or(0) : 0;
}

std::string quote_payment_status(const Quote& q) {
  if (q.state != "accepted") return "";
  if (quote_balance(q) <= 0) return "paid";
  return q.paid_amount.value_or(0) > 0 ? "partial" : "unpaid";
}

}  // namespace fuwu::app
