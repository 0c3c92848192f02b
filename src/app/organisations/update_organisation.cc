#include "app/organisations/organisation.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Organisation> update_organisation(store::Executor& ex, const Actor& actor, Instant now,
                                         std::int64_t id, std::int64_t expected_version,
                                         const OrganisationPatch& patch) {
  auto current = TRY(find_organisation(ex, id));
  if (!current || !organisation_visible(actor, "organisation.read", id)) {
    return Error(ErrorCode::not_found, "no such organisation");
  }
  if (!organisation_visible(actor, "organisation.write", id)) {
    return Error(ErrorCode::permission_denied, "you may not change this organisation");
  }
  if (current->version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the organisation was changed by someone else; reload it and try again");
  }
  TRY_VOID(validate_organisation_fields(patch.name, patch.kind));
  Organisation next = *current;
  ChangeSet changes;
  auto apply = [&](const char* field, std::string& target, const std::optional<std::string>& v) {
    if (!v) return;
    changes.add(field, target, *v);
    target = *v;
  };
  apply("name", next.name, patch.name);
  apply("kind", next.kind, patch.kind);
  apply("code", next.code, patch.code);
  apply("region_code", next.region_code, patch.region_code);
  apply("notes", next.notes, patch.notes);
  if (changes.empty()) return *current;

  const std::string ts = format_rfc3339(now);
  auto updated = ex.exec(
      "UPDATE organisations SET name = $3, kind = $4, code = $5, region_code = $6, notes = $7, "
      "version = version + 1, updated_at = $8 WHERE id = $1 AND version = $2",
      {id, expected_version, next.name, next.kind, store::null_if_empty(next.code),
       store::null_if_empty(next.region_code), next.notes, ts});
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "an organisation with this name exists")
          .with_field("name", "taken", "already used by another organisation");
    }
    return std::move(updated).error();
  }
  if (*updated == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the organisation was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "organisation", id, "update", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "organisation.updated", "organisation", id));
  auto reloaded = TRY(find_organisation(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
