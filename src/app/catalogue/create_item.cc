#include "app/catalogue/catalogue.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<CatalogueItem> create_item(store::Executor& ex, const Actor& actor, Instant now,
                                  const ItemInput& in) {
  TRY_VOID(require_catalogue_manager(actor));
  Error e(ErrorCode::validation_failed, "the request item is not valid");
  if (!in.service_id) e.with_field("/service_id", "required", "the service it belongs to");
  if (!in.code) e.with_field("/code", "required", "a short code, e.g. laptop_standard");
  if (!in.name_zh) e.with_field("/name_zh", "required", "a name in Chinese");
  if (!in.name_en) e.with_field("/name_en", "required", "a name in English");
  check_catalogue_code(e, in.code);
  check_catalogue_names(e, in.name_zh, in.name_en);
  CatalogueItem item;
  item.service_id = in.service_id.value_or(0);
  item.default_group_id = in.default_group_id.value_or(0);
  item.impact = in.impact.value_or(3);
  item.urgency = in.urgency.value_or(3);
  item.audience = in.audience.value_or(Audience{});
  if (in.approvals_json) {
    auto stages = parse_stages(*in.approvals_json, "/approvals");
    if (!stages.ok()) return std::move(stages).error();
    item.approvals = std::move(*stages);
  }
  if (in.form_schema_json) {
    auto form = parse_form_schema(*in.form_schema_json, "/form_schema");
    if (!form.ok()) return std::move(form).error();
    item.form = std::move(*form);
  }
  TRY_VOID(check_item(ex, item, e));
  if (!e.fields.empty()) return e;
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO catalogue_items (service_id, code, name_zh, name_en, description_zh, "
      "description_en, category, audience, default_group_id, impact, urgency, approvals, "
      "form_version, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
      "$10, $11, $12, 1, $13, $14, $14) RETURNING id",
      {item.service_id, *in.code, *in.name_zh, *in.name_en, in.description_zh.value_or(""),
       in.description_en.value_or(""), in.category.value_or(""), audience_json(item.audience),
       item.default_group_id ? store::Value(item.default_group_id) : store::Value(store::Null{}),
       std::int64_t{item.impact}, std::int64_t{item.urgency}, stages_json(item.approvals),
       std::int64_t{in.active.value_or(true) ? 1 : 0}, ts});
  if (!ins.ok()) return code_taken_or(std::move(ins).error(), "request item");
  const std::int64_t id = ins->at(0).i64(0);
  const std::string form = form_schema_json(item.form);
  TRY_VOID(ex.exec(
      "INSERT INTO catalogue_forms (item_id, form_version, form_schema, created_at) VALUES ($1, "
      "1, $2, $3)",
      {id, form, ts}));
  TRY_VOID(write_audit(ex, actor, now, "catalogue_item", id, "create",
                       {{"code", std::nullopt, *in.code},
                        {"service_id", std::nullopt, std::to_string(item.service_id)},
                        {"name_zh", std::nullopt, *in.name_zh},
                        {"name_en", std::nullopt, *in.name_en},
                        {"form_version", std::nullopt, "1"},
                        {"form_schema", std::nullopt, form},
                        {"approvals", std::nullopt, stages_json(item.approvals)},
                        {"audience", std::nullopt, audience_json(item.audience)}}));
  TRY_VOID(emit_event(ex, actor, now, "catalogue.item_created", "catalogue_item", id));
  auto created = TRY(find_item(ex, id));
  return *created;
}

}  // namespace fuwu::app
