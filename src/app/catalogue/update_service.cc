#include "app/catalogue/catalogue.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<CatalogueService> update_service(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const ServiceInput& patch) {
  TRY_VOID(require_catalogue_manager(actor));
  auto found = TRY(find_service(ex, id));
  if (!found) return Error(ErrorCode::not_found, "no such service");
  const CatalogueService old = *found;
  if (old.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the service was changed by someone else; reload it and try again");
  }
  Error e(ErrorCode::validation_failed, "the service is not valid");
  check_catalogue_code(e, patch.code);
  check_catalogue_names(e, patch.name_zh, patch.name_en);
  if (!e.fields.empty()) return e;
  CatalogueService s = old;
  patch_entry(s, patch);
  ChangeSet changes;
  add_entry_changes(changes, old, s);
  if (changes.empty()) return old;
  auto updated = ex.exec(
      "UPDATE catalogue_services SET code = $3, name_zh = $4, name_en = $5, description_zh = $6, "
      "description_en = $7, category = $8, active = $9, version = version + 1, updated_at = $10 "
      "WHERE id = $1 AND version = $2",
      {id, expected_version, s.code, s.name_zh, s.name_en, s.description_zh, s.description_en,
       s.category, std::int64_t{s.active ? 1 : 0}, format_rfc3339(now)});
  if (!updated.ok()) return code_taken_or(std::move(updated).error(), "service");
  TRY_VOID(write_audit(ex, actor, now, "catalogue_service", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "catalogue.service_updated", "catalogue_service", id));
  auto reloaded = TRY(find_service(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
