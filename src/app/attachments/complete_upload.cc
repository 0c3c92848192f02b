#include "app/attachments/attachments.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "base/crypto.h"

namespace fuwu::app {

SniffedFile sniff_file(std::string_view bytes) {
  auto type = sniff_content_type(bytes.substr(0, kSniffBytes));
  // Without a type, complete_upload sniffs again (and reports the failure).
  return {crypto::sha256_hex(bytes), type.ok() ? *type : std::string()};
}

Result<Attachment> complete_upload(store::Executor& ex, const Actor& actor, Instant now,
                                   const attachment::Limits& limits, std::int64_t upload_id,
                                   const SniffedFile* sniffed) {
  const Upload u = TRY(own_upload(ex, actor, now, upload_id));
  // The record may have moved out of reach or closed since the upload began.
  const AttachmentRights rights = TRY(attachment_rights(ex, actor, u.record_type, u.record_id));
  if (u.visibility == "internal" ? !rights.add_internal : !rights.add_public) {
    return Error(ErrorCode::permission_denied, "you may not add attachments here");
  }
  if (rights.closed) return Error(ErrorCode::conflict, "the record is closed");
  if (static_cast<std::int64_t>(u.received.size()) != u.chunk_count) {
    std::string missing;
    for (std::int64_t i = 0, j = 0; i < u.chunk_count; ++i) {
      if (j < static_cast<std::int64_t>(u.received.size()) && u.received[j] == i) {
        ++j;
      } else if (missing.size() < 200) {
        missing += (missing.empty() ? "" : ", ") + std::to_string(i);
      }
    }
    return Error(ErrorCode::validation_failed, "the upload is missing chunks")
        .with_field("chunks", "missing", "send chunks " + missing);
  }

  crypto::Sha256 hash;
  std::string head;
  for (std::int64_t i = 0; i < u.chunk_count; ++i) {
    auto row = TRY(ex.query_one("SELECT data FROM upload_chunks WHERE upload_id = $1 AND seq = $2",
                                {u.id, i}));
    if (!row) return Error(ErrorCode::internal, "an upload chunk vanished");
    const std::string& data = row->bytes(0);
    hash.update(data);
    if (head.size() < kSniffBytes) head += data.substr(0, kSniffBytes - head.size());
  }
  const std::string digest = hash.hex_digest();
  if (digest != u.sha256) {
    return Error(ErrorCode::validation_failed, "the content does not match its SHA-256")
        .with_field("sha256", "mismatch",
                    "declared " + u.sha256 + ", received " + digest + "; re-send the chunks");
  }
  const std::string type = sniffed && sniffed->sha256 == digest && !sniffed->content_type.empty()
                               ? sniffed->content_type
                               : TRY(sniff_content_type(head));
  if (attachment::forbidden_type(limits, type)) {
    return Error(ErrorCode::validation_failed, "files of this kind are not accepted")
        .with_field("content", "forbidden_type", type + " is refused");
  }
  const auto used = TRY(record_attachment_bytes(ex, u.record_type, u.record_id));
  if (used + u.size > limits.max_record_bytes) {
    return Error(ErrorCode::payload_too_large, "the record's attachments would exceed " +
                                                   std::to_string(limits.max_record_bytes) +
                                                   " bytes, the limit per record")
        .with_field("size", "record_limit", "see docs/administration.md, attachments.*");
  }

  // Stored once per content: a second upload of the same bytes only names the existing blob.
  const auto inserted = TRY(
      ex.exec("INSERT INTO blobs (sha256, size, content_type, created_at) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (sha256) DO NOTHING",
              {digest, u.size, type, format_rfc3339(now)}));
  if (inserted == 1) {
    TRY_VOID(ex.exec(
        "INSERT INTO blob_chunks (sha256, seq, data) SELECT $1, seq, data FROM upload_chunks "
        "WHERE upload_id = $2",
        {digest, u.id}));
  }
  TRY_VOID(ex.exec("DELETE FROM upload_chunks WHERE upload_id = $1", {u.id}));
  TRY_VOID(ex.exec("DELETE FROM uploads WHERE id = $1", {u.id}));

  auto rows = TRY(ex.query(
      "INSERT INTO attachments (record_type, record_id, sha256, filename, size, content_type, "
      "visibility, journal_entry_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10) RETURNING id",
      {u.record_type, u.record_id, digest, u.filename, u.size, type, u.visibility,
       u.journal_entry_id ? store::Value(u.journal_entry_id) : store::Value(store::Null{}),
       actor.principal.user_id, format_rfc3339(now)}));
  Attachment a{rows.at(0).i64(0),
               u.record_type,
               u.record_id,
               digest,
               u.filename,
               u.size,
               type,
               u.visibility,
               u.journal_entry_id,
               actor.principal.user_id,
               now};

  const std::string id = std::to_string(a.id);
  TRY_VOID(write_audit(ex, actor, now, a.record_type, a.record_id, "attachment_added",
                       {{"attachment_id", std::nullopt, id},
                        {"filename", std::nullopt, a.filename},
                        {"size", std::nullopt, std::to_string(a.size)},
                        {"content_type", std::nullopt, a.content_type},
                        {"sha256", std::nullopt, a.sha256},
                        {"visibility", std::nullopt, a.visibility}}));
  // Internal attachments announce themselves under their own type, which customers are not sent
  // (like internal notes).
  const std::string event =
      a.visibility == "internal" ? ".internal_attachment_added" : ".attachment_added";
  TRY_VOID(emit_event(ex, actor, now, a.record_type + event, a.record_type, a.record_id,
                      "{\"attachment_id\":" + id + ",\"visibility\":\"" + a.visibility + "\"}"));
  return a;
}

}  // namespace fuwu::app
