#include "app/attachments/attachments.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {

Status delete_attachment(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id) {
  const Attachment a = TRY(get_attachment(ex, actor, id));
  const Ticket t = TRY(visible_ticket(ex, actor, a.record_id));
  const bool own = a.created_by != 0 && a.created_by == actor.principal.user_id;
  const bool may_write = access::may(actor.principal, "ticket.write", ownership(t));
  if (!may_write && !own) {
    return Error(ErrorCode::permission_denied, "you may not delete this attachment");
  }
  if (!may_write && t.state_category == "closed") {
    return Error(ErrorCode::conflict, "the record is closed");
  }
  TRY_VOID(ex.exec("DELETE FROM attachments WHERE id = $1", {a.id}));
  // The bytes go when nothing else names them (attachments are deduplicated by SHA-256, and a
  // repair sheet's signature is a blob too).
  const auto unused = TRY(ex.query_one(
      "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = $1) AND NOT EXISTS "
      "(SELECT 1 FROM repair_sheets WHERE signature_sha256 = $1)",
      {a.sha256}));
  if (unused) {
    TRY_VOID(ex.exec("DELETE FROM blob_chunks WHERE sha256 = $1", {a.sha256}));
    TRY_VOID(ex.exec("DELETE FROM blobs WHERE sha256 = $1", {a.sha256}));
  }
  const std::string sid = std::to_string(a.id);
  TRY_VOID(write_audit(ex, actor, now, a.record_type, a.record_id, "attachment_deleted",
                       {{"attachment_id", sid, std::nullopt},
                        {"filename", a.filename, std::nullopt},
                        {"size", std::to_string(a.size), std::nullopt},
                        {"sha256", a.sha256, std::nullopt},
                        {"visibility", a.visibility, std::nullopt}}));
  const std::string event =
      a.visibility == "internal" ? ".internal_attachment_deleted" : ".attachment_deleted";
  TRY_VOID(emit_event(ex, actor, now, a.record_type + event, a.record_type, a.record_id,
                      "{\"attachment_id\":" + sid + ",\"visibility\":\"" + a.visibility + "\"}"));
  return {};
}

}  // namespace fuwu::app
