#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/units/unit.h"

namespace fuwu::app {

Result<Unit> add_warranty_extension(store::Executor& ex, const Actor& actor, Instant now,
                                    std::int64_t unit_id, std::int64_t expected_version,
                                    const NewExtension& in) {
  const auto unit = TRY(get_unit(ex, actor, unit_id));
  if (!unit_visible(actor, "unit.write", unit.organisation_id)) {
    return Error(ErrorCode::permission_denied, "you may not change this unit");
  }
  if (unit.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the unit was changed by someone else; reload it and try again");
  }
  Error e(ErrorCode::validation_failed, "the extended warranty is not valid");
  if (in.contract.empty()) e.with_field("contract", "required", "the contract's number");
  if (!in.part_code.empty()) {
    auto part = TRY(ex.query_one("SELECT 1 FROM model_parts WHERE model_id = $1 AND code = $2",
                                 {unit.model_id, in.part_code}));
    if (!part) e.with_field("part_code", "not_found", "a major part of the unit's model");
  }
  if (!e.fields.empty()) return e;
  TRY_VOID(ex.exec(
      "INSERT INTO unit_warranty_extensions (unit_id, contract, part_code, ends_on, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {unit_id, in.contract, in.part_code, format_date(in.ends_on), format_rfc3339(now)}));
  TRY_VOID(ex.exec("UPDATE units SET version = version + 1, updated_at = $2 WHERE id = $1",
                   {unit_id, format_rfc3339(now)}));
  TRY_VOID(write_audit(ex, actor, now, "unit", unit_id, "extend_warranty",
                       {{"contract", std::nullopt, in.contract},
                        {"part_code", std::nullopt,
                         in.part_code.empty() ? std::nullopt : std::optional(in.part_code)},
                        {"ends_on", std::nullopt, format_date(in.ends_on)}}));
  TRY_VOID(emit_event(ex, actor, now, "unit.updated", "unit", unit_id));
  auto reloaded = TRY(find_unit(ex, unit_id));
  return *reloaded;
}

}  // namespace fuwu::app
