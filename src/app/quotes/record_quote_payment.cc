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
  const std::int64_t balance = quote_balance(q);
  if (balance <= 0) return Error(ErrorCode::conflict, "the quote is paid in full already");
  Error e(ErrorCode::validation_failed, "the payment is not valid");
  if (p.amount > balance) {
    e.with_field("amount", "exceeds_balance",
                 "at most the outstanding balance, " + format_money({balance, q.currency}) + " (" +
                     std::to_string(balance) + " fen)");
  }
  if (p.paid_at && *p.paid_at > now) e.with_field("paid_at", "out_of_range", "not in the future");
  if (!e.fields.empty()) return e;
  const Instant at = p.paid_at.value_or(now);
  const std::int64_t recorded_by = actor.principal.user_id;  // 0: the system (NULL)
  // Guarded: of two payments racing for the last of the balance, the second finds it gone.
  const auto added = TRY(ex.exec(
      "UPDATE quotes SET paid_amount = COALESCE(paid_amount, 0) + $2, payment_method = $3, "
      "payment_reference = $4, paid_at = $5, payment_recorded_by = NULLIF($6, 0) WHERE id = $1 AND "
      "COALESCE(paid_amount, 0) + $2 <= total",
      {id, p.amount, p.method, p.reference, format_rfc3339(at), recorded_by}));
  if (added == 0) {
    return Error(ErrorCode::conflict, "another payment took the balance; reload the quote");
  }
  TRY_VOID(ex.exec(
      "INSERT INTO quote_payments (quote_id, amount, method, reference, paid_at, recorded_by, "
      "created_at) VALUES ($1, $2, $3, $4, $5, NULLIF($6, 0), $7)",
      {id, p.amount, p.method, p.reference, format_rfc3339(at), recorded_by, format_rfc3339(now)}));
  const std::int64_t left = balance - p.amount;
  const std::string amount = format_money({p.amount, q.currency});
  const std::string owed = format_money({left, q.currency});
  TRY_VOID(insert_journal_entry(
      ex, actor, now, w.ticket, "public",
      left == 0
          ? "已收到维修费用 " + amount + "，费用已结清 / Fee received: " + amount + "; paid in full"
          : "已收到维修费用 " + amount + "，尚欠 " + owed + " / Fee received: " + amount + "; " +
                owed + " outstanding"));
  TRY_VOID(write_audit(
      ex, actor, now, "quote", id, "payment",
      {{"paid_amount", q.paid_amount ? std::optional(std::to_string(*q.paid_amount)) : std::nullopt,
        std::to_string(q.paid_amount.value_or(0) + p.amount)},
       {"amount", std::nullopt, std::to_string(p.amount)},
       {"balance", std::to_string(balance), std::to_string(left)},
       {"payment_method", std::nullopt, p.method},
       {"payment_reference", std::nullopt,
        p.reference.empty() ? std::nullopt : std::optional(p.reference)},
       {"paid_at", std::nullopt, format_rfc3339(at)}}));
  TRY_VOID(emit_event(ex, actor, now, left == 0 ? "quote.paid" : "quote.part_paid", "quote", id));
  // The fee now counts in the month's statistics (fees collected).
  TRY_VOID(refresh_work_order_facts(ex, q.work_order_id, now));
  auto reloaded = TRY(find_quote(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
