#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/units/unit.h"

namespace fuwu::app {

Result<Unit> create_unit(store::Executor& ex, const Actor& actor, Instant now, const NewUnit& in) {
  if (!unit_visible(actor, "unit.write", in.organisation_id)) {
    return Error(ErrorCode::permission_denied, "you may not register units for this organisation");
  }
  TRY_VOID(validate_unit(ex, in));
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO units (serial, model_id, organisation_id, site_id, production_date, sale_date, "
      "delivery_date, installation_date, warranty_card_no, feedback_card_on, notes, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
      {in.serial, in.model_id, in.organisation_id,
       in.site_id ? store::Value(in.site_id) : store::Value(store::Null{}),
       store::opt(date_text(in.dates.production)), store::opt(date_text(in.dates.sale)),
       store::opt(date_text(in.dates.delivery)), store::opt(date_text(in.dates.installation)),
       in.warranty_card_no, store::opt(date_text(in.feedback_card_on)), in.notes, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "a unit with this serial number is registered")
          .with_field("serial", "taken", "serial numbers are unique");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  auto text = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional(v); };
  TRY_VOID(write_audit(ex, actor, now, "unit", id, "create",
                       {{"serial", std::nullopt, in.serial},
                        {"model_id", std::nullopt, std::to_string(in.model_id)},
                        {"organisation_id", std::nullopt, std::to_string(in.organisation_id)},
                        {"site_id", std::nullopt,
                         in.site_id ? std::optional(std::to_string(in.site_id)) : std::nullopt},
                        {"production_date", std::nullopt, date_text(in.dates.production)},
                        {"sale_date", std::nullopt, date_text(in.dates.sale)},
                        {"delivery_date", std::nullopt, date_text(in.dates.delivery)},
                        {"installation_date", std::nullopt, date_text(in.dates.installation)},
                        {"warranty_card_no", std::nullopt, text(in.warranty_card_no)},
                        {"feedback_card_on", std::nullopt, date_text(in.feedback_card_on)}}));
  TRY_VOID(emit_event(ex, actor, now, "unit.created", "unit", id));
  auto unit = TRY(find_unit(ex, id));
  return *unit;
}

}  // namespace fuwu::app
