#include "app/organisations/organisation.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Status delete_organisation(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           std::int64_t expected_version) {
  auto current = TRY(find_organisation(ex, id));
  if (!current || !organisation_visible(actor, "organisation.read", id)) {
    return Error(ErrorCode::not_found, "no such organisation");
  }
  if (access::scope_for(actor.principal, "organisation.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not delete organisations");
  }
  if (current->version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the organisation was changed by someone else; reload it and try again");
  }
  auto people = TRY(ex.query_one("SELECT COUNT(*) FROM users WHERE organisation_id = $1", {id}));
  if (people && people->i64(0) > 0) {
    return Error(ErrorCode::conflict,
                 "the organisation still has people; move or remove them first");
  }
  auto deleted =
      ex.exec("DELETE FROM organisations WHERE id = $1 AND version = $2", {id, expected_version});
  if (!deleted.ok()) {
    if (deleted.error().code == ErrorCode::validation_failed) {
      return Error(ErrorCode::conflict, "the organisation is still referred to by other records");
    }
    return std::move(deleted).error();
  }
  TRY_VOID(
      write_audit(ex, actor, now, "organisation", id, "delete",
                  {{"name", current->name, std::nullopt}, {"kind", current->kind, std::nullopt}}));
  return emit_event(ex, actor, now, "organisation.deleted", "organisation", id);
}

}  // namespace fuwu::app
