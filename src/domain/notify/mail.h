// Outgoing e-mail as RFC 5322 text: UTF-8 subject and names as RFC 2047 encoded words, a base64
// text/plain UTF-8 body (with attachments: multipart/mixed), threading headers, and Auto-Submitted
// so auto-responders stay quiet. Pure; the SMTP transport is in src/net.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace fuwu::notify {

// A file sent with the mail (multipart/mixed, base64).
struct MailAttachment {
  std::string filename;  // UTF-8; RFC 2047 encoded when not plain ASCII
  std::string content_type;
  std::string bytes;
};

struct OutgoingMail {
  std::string from_address;
  std::string from_name;
  std::string to_address;
  std::string to_name;
  std::string subject;      // one line (header-escaped)
  std::string body;         // UTF-8 text
  std::string message_id;   // "<...@...>"
  std::string in_reply_to;  // "" or "<...>"
  std::string record_number;
  Instant date;
  std::vector<MailAttachment> attachments;  // none: a single text/plain part
};

// "=?UTF-8?B?...?=" words (each at most 75 characters, split on UTF-8 boundaries) when `text`
// is not plain printable ASCII; the text unchanged otherwise.
std::string encode_header_words(std::string_view text);
// "Sun, 22 Nov 2026 10:00:00 +0000"
std::string rfc5322_date(Instant t);
// The whole message, CRLF line endings.
std::string build_mail(const OutgoingMail& mail);

}  // namespace fuwu::notify
