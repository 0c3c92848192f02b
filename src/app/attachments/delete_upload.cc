#include "app/attachments/attachments.h"

namespace fuwu::app {

Status delete_upload(store::Executor& ex, const Actor& actor, Instant now, std::int64_t upload_id) {
  const Upload u = TRY(own_upload(ex, actor, now, upload_id));
  TRY_VOID(ex.exec("DELETE FROM upload_chunks WHERE upload_id = $1", {u.id}));
  TRY_VOID(ex.exec("DELETE FROM uploads WHERE id = $1", {u.id}));
  return {};
}

}  // namespace fuwu::app
