// Attachments of records: chunked uploads that become attachments, deduplicated by SHA-256 and
// stored in the database; listing and reading them. Use cases, one per file in this folder, each
// running inside the caller's unit of work.
//
// Flow: create_upload (declares name, size and SHA-256; checks access and limits) → one
// put_upload_chunk per chunk (chunk i has exactly expected_chunk_size bytes; re-sending a chunk
// replaces it) → complete_upload (all chunks present, the hash matches, the type sniffed from the
// bytes is allowed, the record's limit holds) → an Attachment. Any failure writes nothing.
//
// Access: an attachment is as visible as its record (record_type "ticket": ticket.read with its
// scope); internal attachments (and those of internal journal entries) additionally need the
// kind's note permission (ticket.note), so customers see public ones only. Anything out of reach
// is not_found. An upload is visible to its creator only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct Attachment {
  std::int64_t id = 0;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string sha256;
  std::string filename;
  std::int64_t size = 0;
  std::string content_type;  // sniffed from the bytes on completion
  std::string visibility;    // public | internal
  std::int64_t journal_entry_id = 0;
  std::int64_t created_by = 0;
  Instant created_at;
};

struct NewUpload {
  std::string record_type;  // "ticket"
  std::int64_t record_id = 0;
  std::string filename;
  std::int64_t size = 0;
  std::string sha256;                 // of the whole file, lower-case hex
  std::string visibility = "public";  // ignored when journal_entry_id is set (the entry's wins)
  std::int64_t journal_entry_id = 0;  // 0: attached to the record itself
};

struct Upload {
  std::int64_t id = 0;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string filename;
  std::int64_t size = 0;
  std::string sha256;
  std::int64_t chunk_bytes = 0;
  std::int64_t chunk_count = 0;
  std::vector<std::int64_t> received;  // chunk indexes stored so far, ascending
  std::string visibility;
  std::int64_t journal_entry_id = 0;
  Instant created_at;
  Instant expires_at;
};

struct AttachmentContent {
  Attachment attachment;
  std::string bytes;
};

Result<Upload> create_upload(store::Executor& ex, const Actor& actor, Instant now,
                             const attachment::Limits& limits, const NewUpload& input);
Result<Upload> get_upload(store::Executor& ex, const Actor& actor, Instant now,
                          std::int64_t upload_id);
Result<Upload> put_upload_chunk(store::Executor& ex, const Actor& actor, Instant now,
                                std::int64_t upload_id, std::int64_t index, std::string_view bytes);
// What sniff_file found in a whole file, bound to its bytes by their SHA-256.
struct SniffedFile {
  std::string sha256;
  std::string content_type;
};
// The SHA-256 and sniffed type of a whole file: a caller that holds the bytes before the upload
// (e-mail in) sniffs them outside the write unit — libmagic costs about a millisecond a file,
// too much on the one writer thread — and hands the result to complete_upload.
SniffedFile sniff_file(std::string_view bytes);
// `sniffed`: the caller's sniff_file of the content; used only when its SHA-256 is the upload's,
// so the type is always the one libmagic found in exactly these bytes.
Result<Attachment> complete_upload(store::Executor& ex, const Actor& actor, Instant now,
                                   const attachment::Limits& limits, std::int64_t upload_id,
                                   const SniffedFile* sniffed = nullptr);
Status delete_upload(store::Executor& ex, const Actor& actor, Instant now, std::int64_t upload_id);

Result<std::vector<Attachment>> list_attachments(store::Executor& ex, const Actor& actor,
                                                 std::string_view record_type,
                                                 std::int64_t record_id);
Result<Attachment> get_attachment(store::Executor& ex, const Actor& actor, std::int64_t id);
// Removes an attachment from its record: anyone holding ticket.write on the record, or its
// uploader while the record is open (permission_denied / conflict otherwise; not_found when it
// is out of sight). Its bytes go when nothing else names them. Audited (attachment_deleted, with
// name, size and SHA-256), event <record>.attachment_deleted (internal_attachment_deleted for an
// internal one).
Status delete_attachment(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id);
Result<AttachmentContent> read_attachment(store::Executor& ex, const Actor& actor, std::int64_t id);

// Shared by the use cases of this folder.

// What the actor may do with the attachments of one record; not_found when it may not see it.
struct AttachmentRights {
  bool see_internal = false;
  bool add_public = false;
  bool add_internal = false;
  bool closed = false;  // the record takes no new attachments
};
Result<AttachmentRights> attachment_rights(store::Executor& ex, const Actor& actor,
                                           std::string_view record_type, std::int64_t record_id);
// The content type of `head` (the first kSniffBytes of a file), sniffed with libmagic.
inline constexpr std::size_t kSniffBytes = 64 * 1024;
Result<std::string> sniff_content_type(std::string_view head);
// The customer's signature drawn on the engineer's phone (a repair sheet, a quote): a PNG of at
// most kMaxSignatureBytes. Checks the size first (payload_too_large, field "signature"
// too_large), then adds "signature" not_an_image to `invalid` unless the bytes are a PNG and
// "signer" required unless a signer is named, so the caller reports them with its own fields.
inline constexpr std::int64_t kMaxSignatureBytes = 512 * 1024;
Status check_signature_image(std::string_view png, std::string_view signer, Error& invalid);
// Bytes of every attachment of the record together.
Result<std::int64_t> record_attachment_bytes(store::Executor& ex, std::string_view record_type,
                                             std::int64_t record_id);
std::string attachment_select();  // "SELECT <columns> FROM attachments"
Attachment attachment_from_row(const store::Row& row);
// The upload if it exists, is not expired and belongs to the actor; else not_found.
Result<Upload> own_upload(store::Executor& ex, const Actor& actor, Instant now,
                          std::int64_t upload_id);
// Content stored once per SHA-256 (blobs, blob_chunks), for attachments and other stored files
// (a repair sheet's signature): store_blob returns the digest; storing the same bytes again only
// names the existing blob. read_blob: not_found when absent, internal when incomplete.
Result<std::string> store_blob(store::Executor& ex, Instant now, std::string_view bytes,
                               const std::string& content_type, std::int64_t chunk_bytes);
Result<std::string> read_blob(store::Executor& ex, const std::string& sha256);
// Moves every attachment of one record to another (merge).
Status move_attachments(store::Executor& ex, std::string_view record_type, std::int64_t from_id,
                        std::int64_t to_id);

}  // namespace fuwu::app
