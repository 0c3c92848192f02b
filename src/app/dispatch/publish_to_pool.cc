#include "app/dispatch/dispatch.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<PoolEntry> publish_to_pool(store::Executor& ex, const Actor& actor, Instant now,
                                  std::int64_t work_order_id, const std::string& note) {
  const auto w = TRY(get_work_order(ex, actor, work_order_id));
  if (!access::may(actor.principal, "work_order.dispatch", work_order_ownership(w.ticket))) {
    return Error(ErrorCode::permission_denied, "you may not dispatch work orders");
  }
  if (w.quote_required && w.ticket.state == "reported") {
    return Error(ErrorCode::invalid_transition,
                 "the unit is out of warranty: quote the repair and have it accepted first")
        .with_field("transition", "quote_first", "quote, then accept_quote, then publish");
  }
  if (!dispatchable_state(w.ticket.state)) {
    return Error(
        ErrorCode::invalid_transition,
        "only an order waiting for dispatch can go to the pool (it is " + w.ticket.state + ")");
  }
  const auto place = TRY(order_place(ex, w));
  const auto uid = actor.principal.user_id;
  // A claim that did not last (the engineer rejected the order) makes room for a new publication.
  TRY_VOID(ex.exec("DELETE FROM dispatch_pool WHERE work_order_id = $1 AND claimed_by IS NOT NULL",
                   {work_order_id}));
  const auto added = TRY(ex.exec(
      "INSERT INTO dispatch_pool (work_order_id, service_centre_id, product_line, province, "
      "note, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT "
      "(work_order_id) DO NOTHING",
      {work_order_id, w.service_centre_id, place.product_line, place.province, note,
       uid ? store::Value(uid) : store::Value(store::Null{}), format_rfc3339(now)}));
  if (added == 0) {
    return Error(ErrorCode::conflict, "the order is already in the pool")
        .with_field("work_order_id", "already_published", "wait for a claim or dispatch by hand");
  }
  TRY_VOID(
      write_audit(ex, actor, now, "ticket", work_order_id, "publish_to_pool",
                  {{"service_centre_id", std::nullopt, std::to_string(w.service_centre_id)},
                   {"note", std::nullopt, note.empty() ? std::nullopt : std::optional(note)}}));
  TRY_VOID(emit_event(ex, actor, now, "work_order.published", "ticket", work_order_id,
                      "{\"number\":\"" + w.ticket.number + "\"}"));
  auto entries = TRY(load_pool(ex, work_order_id));
  return entries.at(0);
}

}  // namespace fuwu::app
