#include "app/catalogue/catalogue.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<CatalogueService> create_service(store::Executor& ex, const Actor& actor, Instant now,
                                        const ServiceInput& in) {
  TRY_VOID(require_catalogue_manager(actor));
  Error e(ErrorCode::validation_failed, "the service is not valid");
  if (!in.code) e.with_field("/code", "required", "a short code, e.g. laptop");
  if (!in.name_zh) e.with_field("/name_zh", "required", "a name in Chinese");
  if (!in.name_en) e.with_field("/name_en", "required", "a name in English");
  check_catalogue_code(e, in.code);
  check_catalogue_names(e, in.name_zh, in.name_en);
  if (!e.fields.empty()) return e;
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO catalogue_services (code, name_zh, name_en, description_zh, description_en, "
      "category, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
      "RETURNING id",
      {*in.code, *in.name_zh, *in.name_en, in.description_zh.value_or(""),
       in.description_en.value_or(""), in.category.value_or(""),
       std::int64_t{in.active.value_or(true) ? 1 : 0}, ts});
  if (!ins.ok()) return code_taken_or(std::move(ins).error(), "service");
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_audit(ex, actor, now, "catalogue_service", id, "create",
                       {{"code", std::nullopt, *in.code},
                        {"name_zh", std::nullopt, *in.name_zh},
                        {"name_en", std::nullopt, *in.name_en},
                        {"category", std::nullopt, in.category}}));
  TRY_VOID(emit_event(ex, actor, now, "catalogue.service_created", "catalogue_service", id));
  auto s = TRY(find_service(ex, id));
  return *s;
}

}  // namespace fuwu::app
