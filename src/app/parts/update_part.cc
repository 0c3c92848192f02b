#include "app/parts/part.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Part> update_part(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const PartPatch& patch) {
  const auto current = TRY(get_part(ex, actor, id));
  if (!access::can(actor.principal, "part.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the parts master");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the part was changed by someone else; reload it and try again");
  }
  Part next = current;
  if (patch.name_zh) next.name_zh = *patch.name_zh;
  if (patch.name_en) next.name_en = *patch.name_en;
  if (patch.unit) next.unit = *patch.unit;
  if (patch.price_cents) next.price_cents = *patch.price_cents;
  if (patch.warranty_months) next.warranty_months = *patch.warranty_months;
  if (patch.returnable) next.returnable = *patch.returnable;
  if (patch.supplier_id) next.supplier_id = *patch.supplier_id;
  TRY_VOID(validate_part(next));
  ChangeSet changes;
  changes.add("name_zh", current.name_zh, next.name_zh);
  changes.add("name_en", current.name_en, next.name_en);
  changes.add("unit", current.unit, next.unit);
  changes.add("price_cents", std::to_string(current.price_cents), std::to_string(next.price_cents));
  changes.add("warranty_months", std::to_string(current.warranty_months),
              std::to_string(next.warranty_months));
  changes.add("returnable", current.returnable ? "true" : "false",
              next.returnable ? "true" : "false");
  changes.add("supplier_id", std::to_string(current.supplier_id), std::to_string(next.supplier_id));
  if (changes.empty()) return current;
  const auto updated =
      TRY(ex.exec("UPDATE parts SET name_zh = $3, name_en = $4, unit = $5, price_cents = $6, "
                  "warranty_months = $7, returnable = $8, supplier_id = $9, version = version + 1, "
                  "updated_at = $10 WHERE id = $1 AND version = $2",
                  {id, expected_version, next.name_zh, next.name_en, next.unit, next.price_cents,
                   std::int64_t{next.warranty_months}, std::int64_t{next.returnable ? 1 : 0},
                   next.supplier_id ? store::Value(next.supplier_id) : store::Value(store::Null{}),
                   format_rfc3339(now)}));
  if (updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the part was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "part", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "part.updated", "part", id));
  return get_part(ex, actor, id);
}

}  // namespace fuwu::app
