#include "app/attachments/attachments.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/quotes/quote.h"
#include "app/work_orders/work_order.h"
#include "base/money.h"

namespace fuwu::app {

Result<Quote> decide_quote(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           const QuoteDecision& d) {
  const bool accept = d.accept;
  const auto q = TRY(get_quote(ex, actor, id));
  if (q.state != "sent") {
    return Error(ErrorCode::invalid_transition, "the quote was " + q.state + " already");
  }
  const auto w = TRY(get_work_order(ex, actor, q.work_order_id));
  // Whoever may decide only because the order is theirs to work (the engineer on site) decides
  // with the customer's signature drawn on the phone.
  auto beyond_own = work_order_ownership(w.ticket);
  beyond_own.owner_user_id = 0;
  if (!d.signature_png && !access::may(actor.principal, "work_order.decide", beyond_own) &&
      access::may(actor.principal, "work_order.decide", work_order_ownership(w.ticket))) {
    return Error(ErrorCode::validation_failed, "the customer signs the decision on the phone")
        .with_field("signature", "required", "the customer's signature (PNG)");
  }
  if (d.signature_png) {
    Error e(ErrorCode::validation_failed, "the signature is not valid");
    TRY_VOID(check_signature_image(*d.signature_png, d.signer, e));
    if (!e.fields.empty()) return e;
  }
  WorkOrderTransition t;
  t.transition = accept ? "accept_quote" : "decline_quote";
  t.by_record = true;
  if (!accept) t.resolution = "客户未接受报价 / The customer declined the quote";
  // The work order's lifecycle checks the state and who may decide (work_order.decide).
  const auto next = TRY(transition_work_order(ex, actor, now, w.ticket.id, w.ticket.version, t));
  const std::string by = d.signer.empty() ? actor.principal.login : d.signer;
  const std::string& reason = d.reason;
  const std::string state = accept ? "accepted" : "declined";
  const std::string sha =
      d.signature_png ? TRY(store_blob(ex, now, *d.signature_png, "image/png", d.chunk_bytes))
                      : std::string();
  TRY_VOID(ex.exec(
      "UPDATE quotes SET state = $2, decided_by = $3, decided_at = $4, decision_reason = $5, "
      "signature_sha256 = $6 WHERE id = $1",
      {id, state, by, format_rfc3339(now), reason, sha}));
  // The customer reads the outcome in the order's journal; a declined order ends politely
  // (seed 004 §5.1.16: 不同意付费 → 结束).
  const std::string total = format_money({q.total, q.currency});
  TRY_VOID(insert_journal_entry(
      ex, actor, now, next.ticket, "public",
      accept ? "报价已确认（" + by + "），费用 " + total +
                   "，我们将尽快安排工程师上门。 / Quote accepted by " + by + ", fee " + total +
                   "; we will send an engineer shortly."
             : "您未接受本次报价（" + total +
                   "），本次服务到此结束。感谢您的信任，如需维修请随时联系我们。 / You declined "
                   "the quote (" +
                   total +
                   "), so this service ends here. Thank you — contact us whenever you want the "
                   "repair."));
  TRY_VOID(write_audit(
      ex, actor, now, "quote", id, state,
      {{"state", q.state, state},
       {"decided_by", std::nullopt, by},
       {"reason", std::nullopt, reason.empty() ? std::nullopt : std::optional(reason)},
       {"signature_sha256", std::nullopt, sha.empty() ? std::nullopt : std::optional(sha)}}));
  TRY_VOID(emit_event(ex, actor, now, "quote." + state, "quote", id));
  auto reloaded = TRY(find_quote(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
