#include <algorithm>

#include "app/attachments/attachments.h"
#include "base/crypto.h"

namespace fuwu::app {

Result<std::string> store_blob(store::Executor& ex, Instant now, std::string_view bytes,
                               const std::string& content_type, std::int64_t chunk_bytes) {
  const std::string digest = crypto::sha256_hex(bytes);
  const auto inserted = TRY(ex.exec(
      "INSERT INTO blobs (sha256, size, content_type, created_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (sha256) DO NOTHING",
      {digest, static_cast<std::int64_t>(bytes.size()), content_type, format_rfc3339(now)}));
  if (inserted == 1) {
    const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(chunk_bytes, 1));
    for (std::size_t at = 0, seq = 0; at < bytes.size(); at += chunk, ++seq) {
      TRY_VOID(ex.exec("INSERT INTO blob_chunks (sha256, seq, data) VALUES ($1, $2, $3)",
                       {digest, static_cast<std::int64_t>(seq),
                        store::Blob{std::string(bytes.substr(at, chunk))}}));
    }
  }
  return digest;
}

Result<std::string> read_blob(store::Executor& ex, const std::string& sha256) {
  auto head = TRY(ex.query_one("SELECT size FROM blobs WHERE sha256 = $1", {sha256}));
  if (!head) return Error(ErrorCode::not_found, "no such content");
  std::string out;
  out.reserve(static_cast<std::size_t>(head->i64(0)));
  auto rows =
      TRY(ex.query("SELECT data FROM blob_chunks WHERE sha256 = $1 ORDER BY seq", {sha256}));
  for (const auto& r : rows)
    out += r.bytes(0);
  if (static_cast<std::int64_t>(out.size()) != head->i64(0)) {
    return Error(ErrorCode::internal, "the stored content " + sha256 + " is incomplete");
  }
  return out;
}

}  // namespace fuwu::app
