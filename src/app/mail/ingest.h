// E-mail in: one received message becomes a new record or a public reply on an existing one.
//
// Threading: a message is attached to a record when In-Reply-To/References name a Message-ID we
// sent about it (notification deliveries) or received for it, or when its subject carries the
// record's number in brackets ("[INC-2026-000042]") — and ONLY when the sender may speak on that
// record: a person of the record's organisation, or a participant (requester, assignee, someone
// we wrote to about it, an author in its journal). Otherwise it opens a new record, so a forged
// or mistaken subject never lands one customer's mail on another customer's record.
//
// Files (attachments, inline images and the original message) are kept as public attachments of
// the record, added as the sender (a file the attachment rules refuse is counted, not kept).
//
// Loop protection (decided by the caller from the headers): auto-replies, bounces and our own
// messages are recorded and ignored. A sender over the rate limit is recorded and ignored.
// The same Message-ID received twice in one mailbox is a no-op.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/attachments/attachments.h"
#include "app/platform/context.h"
#include "domain/attachment/attachment.h"

namespace fuwu::app {

// A part of a message kept as an attachment of the record (files, inline cid images, and the
// original message itself).
struct MailFile {
  std::string filename;
  std::string bytes;
  // The caller's sniff_file(bytes), done outside the write unit (optional: else it is done here).
  std::optional<SniffedFile> sniffed;
};

struct IncomingMail {
  std::string message_id;               // without <>; "" -> a digest of the message is used
  std::vector<std::string> thread_ids;  // In-Reply-To then References, without <>
  std::string from_address;
  std::string from_name;
  std::string subject;
  std::string body;           // UTF-8 text
  std::string ignore_reason;  // "" or auto_reply | bounce | own: recorded, nothing else happens
  // Attachments and inline images, then "<message>.eml" (the original).
  std::vector<MailFile> files;
  std::int64_t size = 0;
};

struct MailboxPolicy {
  std::string name = "default";
  std::string kind = "incident";             // of new records
  bool create_contacts = true;               // unknown senders: create a contact, or reject
  std::int64_t default_organisation_id = 0;  // for senders with no organisation (0: reject them)
  int rate_limit_per_hour = 20;              // messages per sender per hour that act
  attachment::Limits limits;                 // for the files kept from a message
};

struct MailOutcome {
  std::string outcome;  // created | replied | duplicate | ignored_<reason> | rate_limited |
                        // rejected_unknown_sender | rejected_no_organisation
  std::int64_t ticket_id = 0;
  std::string number;
  int attachments_kept = 0;
  int attachments_refused = 0;  // over the limits, a forbidden type, or no right to attach
};

Result<MailOutcome> ingest_mail(store::Executor& ex, Instant now, const MailboxPolicy& policy,
                                const IncomingMail& mail);

// The log of received mail, newest first (administrators: "notification.admin").
struct ReceivedMail {
  std::int64_t id = 0;
  std::string mailbox;
  std::string message_id;
  std::string from_address;
  std::string subject;
  std::string outcome;
  std::int64_t ticket_id = 0;
  std::int64_t size = 0;
  int attachments_not_kept = 0;
  Instant received_at;
};

struct ReceivedMailPage {
  std::vector<ReceivedMail> items;
  std::optional<std::int64_t> next_before_id;
};

Result<ReceivedMailPage> list_received_mail(store::Executor& ex, const Actor& actor,
                                            const std::string& mailbox, std::int64_t before_id,
                                            int limit);

}  // namespace fuwu::app
