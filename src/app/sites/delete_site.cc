#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/sites/site.h"

namespace fuwu::app {

Status delete_site(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                   std::int64_t expected_version) {
  auto current = TRY(find_site(ex, id));
  if (!current || !site_visible(actor, "site.read", current->organisation_id)) {
    return Error(ErrorCode::not_found, "no such site");
  }
  if (!site_visible(actor, "site.write", current->organisation_id)) {
    return Error(ErrorCode::permission_denied, "you may not delete this site");
  }
  if (current->version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the site was changed by someone else; reload it and try again");
  }
  auto deleted =
      ex.exec("DELETE FROM sites WHERE id = $1 AND version = $2", {id, expected_version});
  if (!deleted.ok()) {
    if (deleted.error().code == ErrorCode::validation_failed) {
      return Error(ErrorCode::conflict, "the site is still referred to by other records");
    }
    return std::move(deleted).error();
  }
  TRY_VOID(write_audit(ex, actor, now, "site", id, "delete",
                       {{"organisation_id", std::to_string(current->organisation_id), std::nullopt},
                        {"name", current->name, std::nullopt}}));
  return emit_event(ex, actor, now, "site.deleted", "site", id);
}

}  // namespace fuwu::app
