#include "app/attachments/attachments.h"

namespace fuwu::app {

Result<std::vector<Attachment>> list_attachments(store::Executor& ex, const Actor& actor,
                                                 std::string_view record_type,
                                                 std::int64_t record_id) {
  const AttachmentRights rights = TRY(attachment_rights(ex, actor, record_type, record_id));
  auto rows =
      TRY(ex.query(attachment_select() + " WHERE record_type = $1 AND record_id = $2" +
                       (rights.see_internal ? "" : " AND visibility = 'public'") + " ORDER BY id",
                   {std::string(record_type), record_id}));
  std::vector<Attachment> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back(attachment_from_row(r));
  return out;
}

}  // namespace fuwu::app
