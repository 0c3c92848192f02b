#include "app/catalogue/catalogue.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<CatalogueItem> update_item(store::Executor& ex, const Actor& actor, Instant now,
                                  std::int64_t id, std::int64_t expected_version,
                                  const ItemInput& patch) {
  TRY_VOID(require_catalogue_manager(actor));
  auto found = TRY(find_item(ex, id));
  if (!found) return Error(ErrorCode::not_found, "no such request item");
  const CatalogueItem old = std::move(*found);
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the request item was changed by someone else; reload it and try again");
  }
  Error e(ErrorCode::validation_failed, "the request item is not valid");
  check_catalogue_code(e, patch.code);
  check_catalogue_names(e, patch.name_zh, patch.name_en);
  CatalogueItem it = old;
  patch_entry(it, patch);
  it.service_id = patch.service_id.value_or(it.service_id);
  it.audience = patch.audience.value_or(it.audience);
  it.default_group_id = patch.default_group_id.value_or(it.default_group_id);
  it.impact = patch.impact.value_or(it.impact);
  it.urgency = patch.urgency.value_or(it.urgency);
  if (patch.approvals_json) {
    auto stages = parse_stages(*patch.approvals_json, "/approvals");
    if (!stages.ok()) return std::move(stages).error();
    it.approvals = std::move(*stages);
  }
  if (patch.form_schema_json) {
    auto form = parse_form_schema(*patch.form_schema_json, "/form_schema");
    if (!form.ok()) return std::move(form).error();
    it.form = std::move(*form);
  }
  TRY_VOID(check_item(ex, it, e));
  if (!e.fields.empty()) return e;
  const std::string ts = format_rfc3339(now);
  const std::string old_form = form_schema_json(old.form), new_form = form_schema_json(it.form);
  ChangeSet changes;
  changes.add("service_id", std::to_string(old.service_id), std::to_string(it.service_id));
  add_entry_changes(changes, old, it);
  changes.add("audience", audience_json(old.audience), audience_json(it.audience));
  changes.add("default_group_id", std::to_string(old.default_group_id),
              std::to_string(it.default_group_id));
  changes.add("impact", std::to_string(old.impact), std::to_string(it.impact));
  changes.add("urgency", std::to_string(old.urgency), std::to_string(it.urgency));
  changes.add("approvals", stages_json(old.approvals), stages_json(it.approvals));
  if (new_form != old_form) {
    // Requests keep the version they were checked against; a changed schema is a new version.
    it.form_version = old.form_version + 1;
    changes.add("form_version", std::to_string(old.form_version), std::to_string(it.form_version));
    changes.add("form_schema", old_form, new_form);
    TRY_VOID(ex.exec(
        "INSERT INTO catalogue_forms (item_id, form_version, form_schema, created_at) VALUES ($1, "
        "$2, $3, $4)",
        {id, std::int64_t{it.form_version}, new_form, ts}));
  }
  if (changes.empty()) return old;
  auto updated = ex.exec(
      "UPDATE catalogue_items SET service_id = $3, code = $4, name_zh = $5, name_en = $6, "
      "description_zh = $7, description_en = $8, category = $9, audience = $10, "
      "default_group_id = $11, impact = $12, urgency = $13, approvals = $14, form_version = $15, "
      "active = $16, version = version + 1, updated_at = $17 WHERE id = $1 AND version = $2",
      {id, expected_version, it.service_id, it.code, it.name_zh, it.name_en, it.description_zh,
       it.description_en, it.category, audience_json(it.audience),
       it.default_group_id ? store::Value(it.default_group_id) : store::Value(store::Null{}),
       std::int64_t{it.impact}, std::int64_t{it.urgency}, stages_json(it.approvals),
       std::int64_t{it.form_version}, std::int64_t{it.active ? 1 : 0}, ts});
  if (!updated.ok()) return code_taken_or(std::move(updated).error(), "request item");
  TRY_VOID(write_audit(ex, actor, now, "catalogue_item", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "catalogue.item_updated", "catalogue_item", id));
  auto reloaded = TRY(find_item(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
