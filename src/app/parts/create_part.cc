#include "app/parts/part.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Part> create_part(store::Executor& ex, const Actor& actor, Instant now, const Part& in) {
  if (!access::can(actor.principal, "part.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the parts master");
  }
  TRY_VOID(validate_part(in));
  if (in.supplier_id) {
    auto s = TRY(ex.query_one("SELECT kind FROM organisations WHERE id = $1", {in.supplier_id}));
    if (!s || s->text(0) != "supplier") {
      return Error(ErrorCode::validation_failed, "the supplier is not valid")
          .with_field("supplier_id", "not_found", "an organisation of kind supplier");
    }
  }
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO parts (number, name_zh, name_en, unit, price_cents, warranty_months, "
      "returnable, supplier_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $9) RETURNING id",
      {in.number, in.name_zh, in.name_en, in.unit, in.price_cents, std::int64_t{in.warranty_months},
       std::int64_t{in.returnable ? 1 : 0},
       in.supplier_id ? store::Value(in.supplier_id) : store::Value(store::Null{}), ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "another part has this number")
          .with_field("number", "taken", "part numbers are unique");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_audit(ex, actor, now, "part", id, "create",
                       {{"number", std::nullopt, in.number},
                        {"name_zh", std::nullopt, in.name_zh},
                        {"price_cents", std::nullopt, std::to_string(in.price_cents)},
                        {"returnable", std::nullopt, in.returnable ? "true" : "false"}}));
  TRY_VOID(emit_event(ex, actor, now, "part.created", "part", id));
  auto p = TRY(find_part(ex, id));
  return *p;
}

}  // namespace fuwu::app
