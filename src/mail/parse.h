// Incoming e-mail: one RFC 5322 message parsed with GMime into plain values. The only code that
// includes GMime. Headers are RFC 2047-decoded; text bodies are converted to UTF-8 from their
// declared charset (GB2312 and GBK are read as GB18030, their superset; undeclared 8-bit text is
// tried as UTF-8, GB18030, then Big5); attachments and inline (cid) images are kept as parts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace fuwu::mail {

struct MailPart {
  std::string content_type;  // "image/png"
  std::string filename;
  std::string content_id;  // without <>, for inline (cid:) images
  bool inline_part = false;
  std::string bytes;  // transfer-decoded
};

struct ParsedMail {
  std::string message_id;  // without <>
  std::string in_reply_to;
  std::vector<std::string> references;  // oldest first, without <>
  std::string from_address;             // lower-cased
  std::string from_name;
  std::string subject;
  std::string text;  // the text/plain body, UTF-8 ("" when there is none)
  std::string html;  // the text/html body, UTF-8
  std::vector<MailPart> attachments;
  // Loop protection inputs (raw header values, "" when absent).
  std::string auto_submitted;
  std::string precedence;
  bool x_autoreply = false;      // X-Autoreply / X-Autorespond / X-Auto-Response-Suppress: All
  bool delivery_report = false;  // multipart/report (bounces, read receipts)
  std::string return_path;
  std::string fuwu_record;  // X-Fuwu-Record: set on the notifications we send
  std::size_t size = 0;
};

// Fails with invalid_request when the input is not a message (no header at all).
Result<ParsedMail> parse_mail(std::string_view raw);

}  // namespace fuwu::mail

namespace fuwu::mail {

// Why a message must not open or touch a record (loop protection): "own" (one of ours came
// back: X-Fuwu-Record, our Message-ID domain or our sender address), "bounce" (a delivery report,
// an empty Return-Path, MAILER-DAEMON / postmaster), "auto_reply" (Auto-Submitted other than
// "no", X-Autoreply, Precedence bulk/junk/list/auto_reply); "" when it may act.
std::string loop_reason(const ParsedMail& m, std::string_view our_domain,
                        std::string_view our_address);

}  // namespace fuwu::mail
