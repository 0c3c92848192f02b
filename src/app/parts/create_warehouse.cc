#include "app/parts/part.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/products/product.h"

namespace fuwu::app {

Result<Warehouse> create_warehouse(store::Executor& ex, const Actor& actor, Instant now,
                                   const NewWarehouse& in) {
  if (!access::can(actor.principal, "warehouse.write")) {
    return Error(ErrorCode::permission_denied, "you may not change warehouses");
  }
  Error e(ErrorCode::validation_failed, "the warehouse is not valid");
  if (!valid_code(in.code)) {
    e.with_field("code", "invalid_format", "1 to 40 letters, digits, '-', '_' or '.'");
  }
  if (in.name_zh.empty()) e.with_field("name_zh", "required", "the Chinese name");
  if (in.kind == "centre") {
    auto c =
        TRY(ex.query_one("SELECT id FROM service_centres WHERE id = $1", {in.service_centre_id}));
    if (!c) e.with_field("service_centre_id", "not_found", "the centre this warehouse belongs to");
  } else if (in.kind == "engineer") {
    auto en = TRY(ex.query_one("SELECT service_centre_id FROM engineers WHERE user_id = $1",
                               {in.engineer_id}));
    if (!en) e.with_field("engineer_id", "not_found", "an engineer of a service centre");
  } else if (in.kind != "central") {
    e.with_field("kind", "not_allowed", "central, centre or engineer");
  }
  if (!e.fields.empty()) return e;
  auto ins = ex.query(
      "INSERT INTO warehouses (code, name_zh, kind, service_centre_id, engineer_id, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
      {in.code, in.name_zh, in.kind,
       in.kind == "centre" ? store::Value(in.service_centre_id) : store::Value(store::Null{}),
       in.kind == "engineer" ? store::Value(in.engineer_id) : store::Value(store::Null{}),
       format_rfc3339(now)});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "the code, or the engineer's own warehouse, exists")
          .with_field(in.kind == "engineer" ? "engineer_id" : "code", "taken",
                      "codes are unique; an engineer has one own warehouse");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_audit(ex, actor, now, "warehouse", id, "create",
                       {{"code", std::nullopt, in.code},
                        {"name_zh", std::nullopt, in.name_zh},
                        {"kind", std::nullopt, in.kind}}));
  TRY_VOID(emit_event(ex, actor, now, "warehouse.created", "warehouse", id));
  auto w = TRY(find_warehouse(ex, id));
  return *w;
}

}  // namespace fuwu::app
