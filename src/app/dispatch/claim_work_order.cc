#include "app/dispatch/dispatch.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<WorkOrder> claim_work_order(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t work_order_id) {
  if (!access::can(actor.principal, "work_order.claim")) {
    return Error(ErrorCode::permission_denied, "you may not claim work orders");
  }
  const auto uid = actor.principal.user_id;
  auto engineer = TRY(find_engineer(ex, uid));
  auto row = TRY(ex.query_one(
      "SELECT product_line, province, claimed_by FROM dispatch_pool WHERE work_order_id = $1",
      {work_order_id}));
  std::optional<ServiceCentre> centre;
  if (engineer) centre = TRY(find_service_centre(ex, engineer->service_centre_id));
  // An order outside the caller's pool does not exist for them.
  if (!row || !centre ||
      !pool_entry_fits(*engineer, *centre,
                       PoolEntry{.product_line = row->text(0), .province = row->text(1)})) {
    return Error(ErrorCode::not_found, "no such order in your dispatch pool");
  }
  // Exactly one claim wins: the guarded UPDATE stamps the row once. A concurrent claim waits for
  // this one (PostgreSQL row lock, then re-reads the row; SQLite writers are serial) and then
  // updates nothing.
  const auto taken = row->is_null(2)
                         ? TRY(ex.exec("UPDATE dispatch_pool SET claimed_by = $2, claimed_at = $3 "
                                       "WHERE work_order_id = $1 AND claimed_by IS NULL",
                                       {work_order_id, uid, format_rfc3339(now)}))
                         : 0;
  if (taken == 0) {
    return Error(ErrorCode::conflict, "another engineer claimed the order first")
        .with_field("work_order_id", "already_claimed", "choose another order from the pool");
  }
  auto t = TRY(find_ticket(ex, work_order_id));
  // Claiming is dispatching to oneself: the engineer acts with the dispatch right for this order.
  Actor claimer = actor;
  claimer.principal.grants.push_back({"work_order.dispatch", access::Scope::all});
  TransitionRequest dispatch{.transition = "dispatch", .assignee_id = uid};
  const Ticket dispatched = TRY(apply_ticket_transition(ex, claimer, now, *t, t->version, dispatch,
                                                        work_order_ownership(*t)));
  TransitionRequest accept{.transition = "accept"};
  TRY_VOID(apply_ticket_transition(ex, actor, now, dispatched, dispatched.version, accept,
                                   work_order_ownership(dispatched)));
  TRY_VOID(write_audit(ex, actor, now, "ticket", work_order_id, "claim",
                       {{"engineer_id", std::nullopt, std::to_string(uid)}}));
  TRY_VOID(insert_journal_entry(ex, actor, now, dispatched, "internal",
                                "抢单 / Claimed from the pool by " + actor.principal.login));
  TRY_VOID(emit_event(ex, actor, now, "work_order.claimed", "ticket", work_order_id,
                      "{\"number\":\"" + t->number + "\"}"));
  auto reloaded = TRY(find_work_order(ex, work_order_id));
  return *reloaded;
}

}  // namespace fuwu::app
