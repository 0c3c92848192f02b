#include "app/attachments/attachments.h"

namespace fuwu::app {

Result<Attachment> get_attachment(store::Executor& ex, const Actor& actor, std::int64_t id) {
  auto row = TRY(ex.query_one(attachment_select() + " WHERE id = $1", {id}));
  if (!row) return Error(ErrorCode::not_found, "no such attachment");
  Attachment a = attachment_from_row(*row);
  auto rights = attachment_rights(ex, actor, a.record_type, a.record_id);
  if (!rights.ok()) {
    if (rights.error().code == ErrorCode::not_found) {
      return Error(ErrorCode::not_found, "no such attachment");
    }
    return rights.error();
  }
  if (a.visibility == "internal" && !rights->see_internal) {
    return Error(ErrorCode::not_found, "no such attachment");
  }
  return a;
}

Result<AttachmentContent> read_attachment(store::Executor& ex, const Actor& actor,
                                          std::int64_t id) {
  AttachmentContent out{TRY(get_attachment(ex, actor, id)), {}};
  out.bytes = TRY(read_blob(ex, out.attachment.sha256));
  return out;
}

}  // namespace fuwu::app
