#include "app/attachments/attachments.h"

namespace fuwu::app {

Result<Upload> get_upload(store::Executor& ex, const Actor& actor, Instant now,
                          std::int64_t upload_id) {
  return own_upload(ex, actor, now, upload_id);
}

}  // namespace fuwu::app
