// Sending a failed delivery again, from the delivery log.
#include "app/notify/notify.h"
#include "app/platform/audit.h"

namespace fuwu::app {
namespace {

Error refused(std::string_view code, std::string message) {
  return Error(ErrorCode::conflict, message).with_field("state", std::string(code), message);
}

}  // namespace

Result<Delivery> retry_delivery(store::Executor& ex, const Actor& actor, Instant now,
                                std::int64_t id) {
  TRY_VOID(require_notification_admin(actor));
  auto found = TRY(find_delivery(ex, id));
  if (!found) return Error(ErrorCode::not_found, "no such delivery");
  const Delivery& d = *found;
  if (d.state == "sent")
    return refused("already_sent", "this delivery was sent; it is never sent twice");
  if (d.state != "failed" && d.state != "pending")
    return refused("not_retryable",
                   "only a failed e-mail, webhook or robot delivery is sent again");
  if (d.state == "pending") {
    // Still queued, unless its job has died.
    auto live = TRY(
        ex.query_one("SELECT 1 FROM jobs WHERE lock_key = $1 AND state IN ('pending', 'running')",
                     {std::string(kDeliverJob) + ":" + std::to_string(id)}));
    if (live) return refused("already_queued", "this delivery is already queued");
  } else {
    // Only the caller that turns it from failed to pending queues it (two administrators
    // clicking at once queue one job).
    auto turned = TRY(ex.query(
        "UPDATE notification_deliveries SET state = 'pending', last_error = '' WHERE id = $1 AND "
        "state = 'failed' RETURNING id",
        {id}));
    if (turned.empty()) return refused("already_queued", "this delivery is already queued");
  }
  TRY_VOID(enqueue_delivery_job(ex, id, now));
  TRY_VOID(write_audit(ex, actor, now, d.record_type, d.record_id, "delivery_retried",
                       {{"delivery", std::nullopt, std::to_string(id)},
                        {"delivery_state", d.state, std::string("pending")}}));
  Delivery out = d;
  out.state = "pending";
  out.last_error.clear();
  return out;
}

}  // namespace fuwu::app
