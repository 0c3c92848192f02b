#include "app/attachments/attachments.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<RepairSheet> sign_repair_sheet(store::Executor& ex, const Actor& actor, Instant now,
                                      std::int64_t id, std::int64_t expected_version,
                                      const SignatureInput& in) {
  const auto w = TRY(get_work_order(ex, actor, id));
  if (w.ticket.state != "repaired") {
    return Error(ErrorCode::invalid_transition,
                 "the customer signs once the repair is done and self-checked; the order is " +
                     w.ticket.state)
        .with_field("transition", "not_allowed", "repair first, then sign");
  }
  const RepairSheet cur = TRY(load_repair_sheet(ex, id));
  if (cur.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the repair sheet was changed by someone else; reload it and try again");
  }
  Error e(ErrorCode::validation_failed, "the repair sheet cannot be signed yet");
  TRY_VOID(check_signature_image(in.png, in.signer_name, e));
  if (cur.fault_phenomenon.empty()) {
    e.with_field("fault_phenomenon", "required", "the fault as found");
  }
  if (cur.solution.empty()) e.with_field("solution", "required", "what was done");
  if (cur.self_check != "passed") {
    e.with_field("self_check", "required", "a passed self-check (seed 004 §5.1.9)");
  }
  if (cur.customer_verdict.empty()) {
    e.with_field("customer_verdict", "required", "the customer's verdict");
  }
  if (!e.fields.empty()) return e;

  WorkOrderTransition sign;
  sign.transition = "sign";
  sign.by_record = true;
  // The lifecycle checks who may sign (work_order.work: the engineer's phone).
  TRY_VOID(transition_work_order(ex, actor, now, id, w.ticket.version, sign));
  const std::string sha = TRY(store_blob(ex, now, in.png, "image/png", in.chunk_bytes));
  const auto written = TRY(
      ex.exec("UPDATE repair_sheets SET signature_sha256 = $3, signer_name = $4, signed_at = $5, "
              "version = version + 1, updated_at = $5 WHERE work_order_id = $1 AND version = $2",
              {id, expected_version, sha, in.signer_name, format_rfc3339(now)}));
  if (written == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the repair sheet was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "ticket", id, "repair_sheet_signed",
                       {{"signer_name", std::nullopt, in.signer_name},
                        {"signature_sha256", std::nullopt, sha},
                        {"signature_bytes", std::nullopt, std::to_string(in.png.size())}}));
  return load_repair_sheet(ex, id);
}

}  // namespace fuwu::app
