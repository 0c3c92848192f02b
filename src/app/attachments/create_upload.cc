#include "app/attachments/attachments.h"

namespace fuwu::app {
namespace {

Error too_large(std::string message, std::string code) {
  return Error(ErrorCode::payload_too_large, std::move(message))
      .with_field("size", std::move(code), "see docs/administration.md, attachments.*");
}

}  // namespace

Result<Upload> create_upload(store::Executor& ex, const Actor& actor, Instant now,
                             const attachment::Limits& limits, const NewUpload& in) {
  const AttachmentRights rights = TRY(attachment_rights(ex, actor, in.record_type, in.record_id));
  if (actor.principal.user_id == 0) {
    return Error(ErrorCode::permission_denied, "uploads need a signed-in user");
  }
  std::string visibility = in.visibility;
  if (in.journal_entry_id) {
    auto entry =
        TRY(ex.query_one("SELECT visibility FROM journal_entries WHERE id = $1 AND ticket_id = $2",
                         {in.journal_entry_id, in.record_id}));
    // An internal entry the actor may not see does not exist for it.
    if (!entry || (entry->text(0) == "internal" && !rights.see_internal)) {
      return Error(ErrorCode::validation_failed, "no such journal entry on this record")
          .with_field("journal_entry_id", "not_found", "an entry of this record");
    }
    visibility = entry->text(0);
  }
  if (visibility != "public" && visibility != "internal") {
    return Error(ErrorCode::validation_failed, "unknown visibility")
        .with_field("visibility", "not_allowed", "public or internal");
  }
  if (visibility == "internal" ? !rights.add_internal : !rights.add_public) {
    return Error(ErrorCode::permission_denied, visibility == "internal"
                                                   ? "you may not add internal attachments"
                                                   : "you may not add attachments here");
  }
  if (rights.closed) return Error(ErrorCode::conflict, "the record is closed");
  TRY_VOID(attachment::check_filename(in.filename));
  if (attachment::forbidden_extension(limits, in.filename)) {
    return Error(ErrorCode::validation_failed, "files of this kind are not accepted")
        .with_field("filename", "forbidden_type",
                    "." + attachment::extension(in.filename) + " files are refused");
  }
  if (!attachment::valid_sha256_hex(in.sha256)) {
    return Error(ErrorCode::validation_failed, "the SHA-256 is not valid")
        .with_field("sha256", "invalid_format", "64 lower-case hexadecimal digits");
  }
  if (in.size < 1) {
    return Error(ErrorCode::validation_failed, "the file is empty")
        .with_field("size", "too_small", "at least 1 byte");
  }
  if (in.size > limits.max_file_bytes) {
    return too_large("the file is larger than " + std::to_string(limits.max_file_bytes) +
                         " bytes, the limit per file",
                     "file_limit");
  }
  const auto used = TRY(record_attachment_bytes(ex, in.record_type, in.record_id));
  if (used + in.size > limits.max_record_bytes) {
    return too_large("the record's attachments would exceed " +
                         std::to_string(limits.max_record_bytes) + " bytes, the limit per record",
                     "record_limit");
  }
  // Unfinished uploads that expired go now (no job needed: every new upload sweeps).
  TRY_VOID(
      ex.exec("DELETE FROM upload_chunks WHERE upload_id IN (SELECT id FROM uploads WHERE "
              "expires_at <= $1)",
              {format_rfc3339(now)}));
  TRY_VOID(ex.exec("DELETE FROM uploads WHERE expires_at <= $1", {format_rfc3339(now)}));

  const Instant expires = now + Duration::of_hours(limits.upload_expiry_hours);
  auto rows = TRY(ex.query(
      "INSERT INTO uploads (record_type, record_id, filename, size, sha256, chunk_bytes, "
      "visibility, journal_entry_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, "
      "$5, $6, $7, $8, $9, $10, $11) RETURNING id",
      {in.record_type, in.record_id, in.filename, in.size, in.sha256, limits.chunk_bytes,
       visibility,
       in.journal_entry_id ? store::Value(in.journal_entry_id) : store::Value(store::Null{}),
       actor.principal.user_id, format_rfc3339(now), format_rfc3339(expires)}));
  Upload u;
  u.id = rows.at(0).i64(0);
  u.record_type = in.record_type;
  u.record_id = in.record_id;
  u.filename = in.filename;
  u.size = in.size;
  u.sha256 = in.sha256;
  u.chunk_bytes = limits.chunk_bytes;
  u.chunk_count = attachment::chunk_count(in.size, limits.chunk_bytes);
  u.visibility = visibility;
  u.journal_entry_id = in.journal_entry_id;
  u.created_at = now;
  u.expires_at = expires;
  return u;
}

}  // namespace fuwu::app
