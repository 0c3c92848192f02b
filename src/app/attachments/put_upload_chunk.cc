#include "app/attachments/attachments.h"

namespace fuwu::app {

Result<Upload> put_upload_chunk(store::Executor& ex, const Actor& actor, Instant now,
                                std::int64_t upload_id, std::int64_t index,
                                std::string_view bytes) {
  Upload u = TRY(own_upload(ex, actor, now, upload_id));
  if (index < 0 || index >= u.chunk_count) {
    return Error(ErrorCode::validation_failed, "no such chunk in this upload")
        .with_field("index", "out_of_range",
                    "chunks are numbered 0 to " + std::to_string(u.chunk_count - 1));
  }
  const auto expected = attachment::expected_chunk_size(u.size, u.chunk_bytes, index);
  if (static_cast<std::int64_t>(bytes.size()) != expected) {
    return Error(ErrorCode::validation_failed, "the chunk has the wrong size")
        .with_field("body", "wrong_size",
                    "chunk " + std::to_string(index) + " must have exactly " +
                        std::to_string(expected) + " bytes, not " + std::to_string(bytes.size()));
  }
  // Re-sending a chunk (a retry) replaces it.
  TRY_VOID(ex.exec("DELETE FROM upload_chunks WHERE upload_id = $1 AND seq = $2", {u.id, index}));
  TRY_VOID(ex.exec("INSERT INTO upload_chunks (upload_id, seq, data) VALUES ($1, $2, $3)",
                   {u.id, index, store::Blob{std::string(bytes)}}));
  if (!std::binary_search(u.received.begin(), u.received.end(), index)) {
    u.received.insert(std::lower_bound(u.received.begin(), u.received.end(), index), index);
  }
  return u;
}

}  // namespace fuwu::app
