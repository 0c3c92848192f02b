#include <algorithm>

#include "app/attachments/attachments.h"
#include "app/auth/auth.h"
#include "app/mail/ingest.h"
#include "app/tickets/ticket.h"
#include "app/users/user.h"
#include "base/crypto.h"
#include "domain/notify/template.h"

namespace fuwu::app {
namespace {

std::string utf8_prefix(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
    --end;
  return s.substr(0, end);
}

Status record(store::Executor& ex, Instant now, const MailboxPolicy& policy,
              const IncomingMail& mail, const std::string& message_id, const MailOutcome& out) {
  TRY_VOID(ex.exec(
      "INSERT INTO mail_messages (mailbox, message_id, from_address, subject, outcome, ticket_id, "
      "size, attachments_not_kept, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {policy.name, message_id, mail.from_address, utf8_prefix(mail.subject, 1000), out.outcome,
       out.ticket_id ? store::Value(out.ticket_id) : store::Value(store::Null{}), mail.size,
       std::int64_t{out.attachments_refused}, format_rfc3339(now)}));
  return {};
}

// The record a message refers to, by the Message-IDs it answers, then by a number in its subject.
Result<std::optional<Ticket>> referenced_ticket(store::Executor& ex, const IncomingMail& mail) {
  for (const auto& id : mail.thread_ids) {
    auto sent = TRY(ex.query_one(
        "SELECT record_id FROM notification_deliveries WHERE message_id = $1 AND record_type = "
        "'ticket' LIMIT 1",
        {"<" + id + ">"}));
    if (!sent) {
      sent = TRY(ex.query_one(
          "SELECT ticket_id FROM mail_messages WHERE message_id = $1 AND ticket_id IS NOT NULL "
          "LIMIT 1",
          {id}));
    }
    if (sent) return find_ticket(ex, sent->i64(0));
  }
  const std::string number = notify::number_in_subject(mail.subject);
  if (number.empty()) return std::optional<Ticket>();
  auto row = TRY(ex.query_one("SELECT id FROM tickets WHERE number = $1", {number}));
  if (!row) return std::optional<Ticket>();
  return find_ticket(ex, row->i64(0));
}

// May this person speak on this record? Same organisation, or a participant.
Result<bool> may_speak(store::Executor& ex, const User& sender, const Ticket& t) {
  if (sender.organisation_id != 0 && sender.organisation_id == t.organisation_id) return true;
  if (sender.id == t.requester_id || sender.id == t.assignee_id) return true;
  auto told = TRY(ex.query_one(
      "SELECT 1 FROM notification_deliveries WHERE record_type = 'ticket' AND record_id = $1 AND "
      "(user_id = $2 OR lower(address) = $3) LIMIT 1",
      {t.id, sender.id, sender.email}));
  if (told) return true;
  auto wrote = TRY(
      ex.query_one("SELECT 1 FROM journal_entries WHERE ticket_id = $1 AND author_id = $2 LIMIT 1",
                   {t.id, sender.id}));
  return wrote.has_value();
}

Result<std::optional<User>> sender_of(store::Executor& ex, const std::string& address) {
  auto row =
      TRY(ex.query_one("SELECT id FROM users WHERE lower(email) = $1 AND disabled = 0 ORDER BY "
                       "kind DESC, id LIMIT 1",
                       {address}));
  if (!row) return std::optional<User>();
  return find_user_by_id(ex, row->i64(0));
}

// A contact for an unknown sender: login = the address (characters a login may not hold become
// "_"), role customer, in the mailbox's default organisation.
Result<User> create_contact(store::Executor& ex, Instant now, const MailboxPolicy& policy,
                            const IncomingMail& mail) {
  NewUser in;
  in.login = mail.from_address.substr(0, 64);
  for (char& c : in.login) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) c = '_';
  }
  in.kind = "contact";
  in.role = "customer";
  in.organisation_id = policy.default_organisation_id;
  in.display_name = mail.from_name.empty() ? mail.from_address : mail.from_name.substr(0, 200);
  in.email = mail.from_address;
  return create_user(ex, Actor::system("mail"), now, in, "");
}

std::string title_of(const IncomingMail& mail) {
  std::string t = notify::escape(mail.subject, notify::Escape::header);
  t.erase(0, t.find_first_not_of(' '));
  if (t.empty()) t = "(无主题 / no subject)";
  return utf8_prefix(t, 600);
}

// Keeps one file as an attachment of the record, uploaded as `author` in chunks; a file the
// attachment rules refuse is counted and its upload removed.
Status keep_file(store::Executor& ex, const Actor& author, Instant now, const MailboxPolicy& policy,
                 std::int64_t ticket_id, std::int64_t entry_id, const MailFile& file,
                 MailOutcome& out) {
  NewUpload in;
  in.record_type = "ticket";
  in.record_id = ticket_id;
  in.filename = file.filename;
  in.size = static_cast<std::int64_t>(file.bytes.size());
  const SniffedFile sniffed = file.sniffed ? *file.sniffed : sniff_file(file.bytes);
  in.sha256 = sniffed.sha256;
  in.journal_entry_id = entry_id;
  auto upload = create_upload(ex, author, now, policy.limits, in);
  if (!upload.ok()) {
    ++out.attachments_refused;
    return {};
  }
  const auto chunk = static_cast<std::size_t>(upload->chunk_bytes);
  for (std::int64_t i = 0; i < upload->chunk_count; ++i) {
    TRY(put_upload_chunk(
        ex, author, now, upload->id, i,
        std::string_view(file.bytes).substr(static_cast<std::size_t>(i) * chunk, chunk)));
  }
  if (auto done = complete_upload(ex, author, now, policy.limits, upload->id, &sniffed);
      !done.ok()) {
    ++out.attachments_refused;
    return delete_upload(ex, author, now, upload->id);
  }
  ++out.attachments_kept;
  return {};
}

}  // namespace

Result<MailOutcome> ingest_mail(store::Executor& ex, Instant now, const MailboxPolicy& policy,
                                const IncomingMail& mail) {
  const std::string message_id =
      mail.message_id.empty() ? "sha256:" + crypto::sha256_hex(mail.from_address + "\n" +
                                                               mail.subject + "\n" + mail.body)
                              : mail.message_id;
  MailOutcome out;
  auto seen = TRY(ex.query_one(
      "SELECT COALESCE(ticket_id, 0) FROM mail_messages WHERE mailbox = $1 AND message_id = $2",
      {policy.name, message_id}));
  if (seen) {
    out.outcome = "duplicate";
    out.ticket_id = seen->i64(0);
    return out;
  }
  if (!mail.ignore_reason.empty()) {
    out.outcome = "ignored_" + mail.ignore_reason;
    TRY_VOID(record(ex, now, policy, mail, message_id, out));
    return out;
  }
  auto recent = TRY(ex.query_one(
      "SELECT COUNT(*) FROM mail_messages WHERE from_address = $1 AND received_at > $2 AND "
      "outcome IN ('created', 'replied')",
      {mail.from_address, format_rfc3339(now - Duration::of_hours(1))}));
  if (recent && recent->i64(0) >= policy.rate_limit_per_hour) {
    out.outcome = "rate_limited";
    TRY_VOID(record(ex, now, policy, mail, message_id, out));
    return out;
  }

  auto sender = TRY(sender_of(ex, mail.from_address));
  auto ticket = TRY(referenced_ticket(ex, mail));
  if (ticket && sender && TRY(may_speak(ex, *sender, *ticket))) {
    Actor author{TRY(load_principal(ex, *sender)), "email", {}};
    const JournalEntry entry = TRY(
        insert_journal_entry(ex, author, now, *ticket, "public",
                             utf8_prefix(mail.body.empty() ? title_of(mail) : mail.body, 100000)));
    out.outcome = "replied";
    out.ticket_id = ticket->id;
    out.number = ticket->number;
    for (const auto& f : mail.files)
      TRY_VOID(keep_file(ex, author, now, policy, ticket->id, entry.id, f, out));
    TRY_VOID(record(ex, now, policy, mail, message_id, out));
    return out;
  }

  if (!sender && !policy.create_contacts) {
    out.outcome = "rejected_unknown_sender";
    TRY_VOID(record(ex, now, policy, mail, message_id, out));
    return out;
  }
  const std::int64_t org =
      sender && sender->organisation_id ? sender->organisation_id : policy.default_organisation_id;
  if (org == 0) {
    out.outcome = "rejected_no_organisation";
    TRY_VOID(record(ex, now, policy, mail, message_id, out));
    return out;
  }
  if (!sender) sender = TRY(create_contact(ex, now, policy, mail));
  NewTicket in;
  in.kind = policy.kind;
  in.title = title_of(mail);
  in.description = utf8_prefix(mail.body, 100000);
  in.organisation_id = org;
  in.requester_id = sender->id;
  in.channel = "email";
  const Ticket created = TRY(create_ticket(ex, Actor::system("mail"), now, in));
  out.outcome = "created";
  out.ticket_id = created.id;
  out.number = created.number;
  const Actor author{TRY(load_principal(ex, *sender)), "email", {}};
  for (const auto& f : mail.files)
    TRY_VOID(keep_file(ex, author, now, policy, created.id, 0, f, out));
  TRY_VOID(record(ex, now, policy, mail, message_id, out));
  return out;
}

}  // namespace fuwu::app
