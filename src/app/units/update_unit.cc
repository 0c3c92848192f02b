#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/units/unit.h"

namespace fuwu::app {

Result<Unit> update_unit(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const UnitPatch& patch) {
  const auto current = TRY(get_unit(ex, actor, id));
  if (!unit_visible(actor, "unit.write", current.organisation_id)) {
    return Error(ErrorCode::permission_denied, "you may not change this unit");
  }
  if (current.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the unit was changed by someone else; reload it and try again");
  }
  NewUnit next{current.serial, current.model_id,         current.organisation_id,  current.site_id,
               current.dates,  current.warranty_card_no, current.feedback_card_on, current.notes};
  if (patch.serial) next.serial = *patch.serial;
  if (patch.model_id) next.model_id = *patch.model_id;
  if (patch.site_id) next.site_id = *patch.site_id;
  if (patch.production) next.dates.production = *patch.production;
  if (patch.sale) next.dates.sale = *patch.sale;
  if (patch.delivery) next.dates.delivery = *patch.delivery;
  if (patch.installation) next.dates.installation = *patch.installation;
  if (patch.warranty_card_no) next.warranty_card_no = *patch.warranty_card_no;
  if (patch.feedback_card_on) next.feedback_card_on = *patch.feedback_card_on;
  if (patch.notes) next.notes = *patch.notes;
  TRY_VOID(validate_unit(ex, next));

  auto id_of = [](std::int64_t v) { return v ? std::optional(std::to_string(v)) : std::nullopt; };
  ChangeSet changes;
  changes.add("serial", current.serial, next.serial);
  changes.add("model_id", id_of(current.model_id), id_of(next.model_id));
  changes.add("site_id", id_of(current.site_id), id_of(next.site_id));
  changes.add("production_date", date_text(current.dates.production),
              date_text(next.dates.production));
  changes.add("sale_date", date_text(current.dates.sale), date_text(next.dates.sale));
  changes.add("delivery_date", date_text(current.dates.delivery), date_text(next.dates.delivery));
  changes.add("installation_date", date_text(current.dates.installation),
              date_text(next.dates.installation));
  changes.add("warranty_card_no", current.warranty_card_no, next.warranty_card_no);
  changes.add("feedback_card_on", date_text(current.feedback_card_on),
              date_text(next.feedback_card_on));
  changes.add("notes", current.notes, next.notes);
  if (changes.empty()) return current;

  auto updated = ex.exec(
      "UPDATE units SET serial = $3, model_id = $4, site_id = $5, production_date = $6, "
      "sale_date = $7, delivery_date = $8, installation_date = $9, warranty_card_no = $10, "
      "feedback_card_on = $11, notes = $12, version = version + 1, updated_at = $13 "
      "WHERE id = $1 AND version = $2",
      {id, expected_version, next.serial, next.model_id,
       next.site_id ? store::Value(next.site_id) : store::Value(store::Null{}),
       store::opt(date_text(next.dates.production)), store::opt(date_text(next.dates.sale)),
       store::opt(date_text(next.dates.delivery)), store::opt(date_text(next.dates.installation)),
       next.warranty_card_no, store::opt(date_text(next.feedback_card_on)), next.notes,
       format_rfc3339(now)});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "a unit with this serial number is registered")
          .with_field("serial", "taken", "serial numbers are unique");
    }
    return std::move(updated).error();
  }
  if (*updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the unit was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "unit", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "unit.updated", "unit", id));
  auto reloaded = TRY(find_unit(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
