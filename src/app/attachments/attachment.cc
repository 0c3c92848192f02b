#include <magic.h>

#include "app/attachments/attachments.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, record_type, record_id, sha256, filename, size, content_type, visibility, "
    "COALESCE(journal_entry_id, 0), COALESCE(created_by, 0), created_at";

// One libmagic handle per thread: magic_t is not thread-safe, and loading the database costs
// milliseconds, too much per request.
class Magic {
 public:
  Magic() : cookie_(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS)) {
    if (cookie_ && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~Magic() {
    if (cookie_) magic_close(cookie_);
  }
  Magic(const Magic&) = delete;
  Magic& operator=(const Magic&) = delete;
  magic_t get() const { return cookie_; }

 private:
  magic_t cookie_;
};

}  // namespace

std::string attachment_select() {
  return std::string("SELECT ") + kColumns + " FROM attachments";
}

Attachment attachment_from_row(const store::Row& r) {
  Attachment a;
  a.id = r.i64(0);
  a.record_type = r.text(1);
  a.record_id = r.i64(2);
  a.sha256 = r.text(3);
  a.filename = r.text(4);
  a.size = r.i64(5);
  a.content_type = r.text(6);
  a.visibility = r.text(7);
  a.journal_entry_id = r.i64(8);
  a.created_by = r.i64(9);
  a.created_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  return a;
}

Result<AttachmentRights> attachment_rights(store::Executor& ex, const Actor& actor,
                                           std::string_view record_type, std::int64_t record_id) {
  if (record_type != "ticket") return Error(ErrorCode::not_found, "no such record");
  const Ticket t = TRY(visible_ticket(ex, actor, record_id));
  const auto owner = ownership(t);
  AttachmentRights r;
  r.see_internal = access::may(actor.principal, "ticket.note", owner);
  r.add_internal = r.see_internal;
  r.add_public = access::may(actor.principal, "ticket.reply", owner);
  r.closed = t.state_category == "closed";
  return r;
}

Result<std::string> sniff_content_type(std::string_view head) {
  thread_local Magic magic;
  if (!magic.get()) return Error(ErrorCode::internal, "libmagic could not load its database");
  const char* type = magic_buffer(magic.get(), head.data(), head.size());
  if (!type) return Error(ErrorCode::internal, "libmagic failed");
  return std::string(type);
}

Result<std::int64_t> record_attachment_bytes(store::Executor& ex, std::string_view record_type,
                                             std::int64_t record_id) {
  auto row = TRY(ex.query_one(
      "SELECT COALESCE(SUM(size), 0) FROM attachments WHERE record_type = $1 AND record_id = $2",
      {std::string(record_type), record_id}));
  return row ? row->i64(0) : 0;
}

Status move_attachments(store::Executor& ex, std::string_view record_type, std::int64_t from_id,
                        std::int64_t to_id) {
  TRY_VOID(
      ex.exec("UPDATE attachments SET record_id = $3 WHERE record_type = $1 AND record_id = $2",
              {std::string(record_type), from_id, to_id}));
  return {};
}

Result<Upload> own_upload(store::Executor& ex, const Actor& actor, Instant now,
                          std::int64_t upload_id) {
  auto row = TRY(ex.query_one(
      "SELECT id, record_type, record_id, filename, size, sha256, chunk_bytes, visibility, "
      "COALESCE(journal_entry_id, 0), COALESCE(created_by, 0), created_at, expires_at "
      "FROM uploads WHERE id = $1",
      {upload_id}));
  if (!row || row->i64(9) != actor.principal.user_id || actor.principal.user_id == 0) {
    return Error(ErrorCode::not_found, "no such upload");
  }
  Upload u;
  u.id = row->i64(0);
  u.record_type = row->text(1);
  u.record_id = row->i64(2);
  u.filename = row->text(3);
  u.size = row->i64(4);
  u.sha256 = row->text(5);
  u.chunk_bytes = row->i64(6);
  u.chunk_count = attachment::chunk_count(u.size, u.chunk_bytes);
  u.visibility = row->text(7);
  u.journal_entry_id = row->i64(8);
  u.created_at = parse_rfc3339(row->text(10)).value_or(Instant{});
  u.expires_at = parse_rfc3339(row->text(11)).value_or(Instant{});
  if (u.expires_at <= now) return Error(ErrorCode::not_found, "the upload has expired");
  auto chunks =
      TRY(ex.query("SELECT seq FROM upload_chunks WHERE upload_id = $1 ORDER BY seq", {u.id}));
  for (const auto& c : chunks)
    u.received.push_back(c.i64(0));
  return u;
}

}  // namespace fuwu::app
