#include "app/kpi/kpi.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/quotes/quote.h"
#include "app/work_orders/work_order.h"
#include "base/money.h"

namespace fuwu::app {

Result<Quote> record_quote_payment(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t id, const QuotePayment& p) {
  const auto q = TRY(get_quote(ex, actor, id));
  const auto w = TRY(get_work_order(ex, actor, q.work_order_id));
  if (!access::may(actor.principal, "quote.pay", work_order_ownership(w.ticket))) {
    return Error(ErrorCode::permission_denied, "you may not record payments");
  }
  if (q.state != "accepted") {
    return Error(ErrorCode::invalid_transition,
                 "only an accepted quote is paid; this one is " + q.state);
  }
  if (q.paid_amount) return Error(ErrorCode::conflict, "the payment is recorded already");
  Error e(ErrorCode::validation_failed, "the payment is not valid");
  if (p.amount != q.total) {
    e.with_field("amount", "mismatch", "the quote's total, " + std::to_string(q.total) + " fen");
  }
  if (p.paid_at && *p.paid_at > now) e.with_field("paid_at", "out_of_range", "not in the future");
  if (!e.fields.empty()) return e;
  const Instant at = p.paid_at.value_or(now);
  TRY_VOID(
      ex.exec("UPDATE quotes SET paid_amount = $2, payment_method = $3, payment_reference = $4, "
              "paid_at = $5, payment_recorded_by = $6 WHERE id = $1",
              {id, p.amount, p.method, p.reference, format_rfc3339(at),
               actor.principal.user_id ? store::Value(actor.principal.user_id)
                                       : store::Value(store::Null{})}));
  TRY_VOID(insert_journal_entry(ex, actor, now, w.ticket, "public",
                                "已收到维修费用 " + format_money({p.amount, q.currency}) +
                                    " / Fee received: " + format_money({p.amount, q.currency})));
  TRY_VOID(write_audit(ex, actor, now, "quote", id, "payment",
                       {{"paid_amount", std::nullopt, std::to_string(p.amount)},
                        {"payment_method", std::nullopt, p.method},
                        {"payment_reference", std::nullopt,
                         p.reference.empty() ? std::nullopt : std::optional(p.reference)},
                        {"paid_at", std::nullopt, format_rfc3339(at)}}));
  TRY_VOID(emit_event(ex, actor, now, "quote.paid", "quote", id));
  // The fee now counts in the month's statistics (fees collected).
  TRY_VOID(refresh_work_order_facts(ex, q.work_order_id, now));
  auto reloaded = TRY(find_quote(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
