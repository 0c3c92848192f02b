#include "app/attachments/attachments.h"
#include "app/repair_sheets/repair_sheet.h"

namespace fuwu::app {

Result<std::string> read_repair_sheet_signature(store::Executor& ex, const Actor& actor,
                                                std::int64_t work_order_id) {
  const auto s = TRY(get_repair_sheet(ex, actor, work_order_id));
  if (s.signature_sha256.empty()) return Error(ErrorCode::not_found, "the sheet is not signed");
  return read_blob(ex, s.signature_sha256);
}

}  // namespace fuwu::app
