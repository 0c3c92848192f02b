#include "domain/notify/mail.h"

#include <ctime>

#include "base/crypto.h"

namespace fuwu::notify {
namespace {

bool plain_ascii(std::string_view s) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return s.find("=?") == std::string_view::npos;
}

std::string address(std::string_view name, std::string_view addr) {
  if (name.empty()) return "<" + std::string(addr) + ">";
  std::string shown =
      plain_ascii(name) && name.find_first_of("\"\\,;:<>()[]@") == std::string_view::npos
          ? std::string(name)
          : encode_header_words(name);
  return shown + " <" + std::string(addr) + ">";
}

}  // namespace

std::string encode_header_words(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  // 75 - len("=?UTF-8?B?") - len("?=") = 63 encoded characters -> at most 45 raw bytes.
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + kChunk);
    // Do not split a UTF-8 sequence: back up to a lead byte.
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (end == i) end = std::min(text.size(), i + kChunk);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + crypto::base64_encode(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(Instant t) {
  const std::time_t secs = static_cast<std::time_t>(t.unix_seconds);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string build_mail(const OutgoingMail& m) {
  std::string out;
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  out += "From: " + address(m.from_name, m.from_address) + "\r\n";
  out += "To: " + address(m.to_name, m.to_address) + "\r\n";
  out += "Subject: " + encode_header_words(m.subject) + "\r\n";
  out += "Message-ID: " + m.message_id + "\r\n";
  if (!m.in_reply_to.empty()) {
    out += "In-Reply-To: " + m.in_reply_to + "\r\n";
    out += "References: " + m.in_reply_to + "\r\n";
  }
  out += "Auto-Submitted: auto-generated\r\n";
  if (!m.record_number.empty()) out += "X-Fuwu-Record: " + m.record_number + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  // A boundary that cannot occur in base64 text ('=' twice, '_').
  const std::string boundary = "==_fuwu_" + std::to_string(m.date.unix_seconds) + "_==";
  if (!m.attachments.empty()) {
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n";
  }
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string body;
  body.reserve(m.body.size() + 16);
  // Normalise line endings to CRLF before encoding.
  for (std::size_t i = 0; i < m.body.size(); ++i) {
    if (m.body[i] == '\n' && (i == 0 || m.body[i - 1] != '\r')) body += '\r';
    body += m.body[i];
  }
  auto base64_lines = [&out](const std::string& bytes) {
    const std::string encoded = crypto::base64_encode(bytes);
    for (std::size_t i = 0; i < encoded.size(); i += 76)
      out += encoded.substr(i, 76) + "\r\n";
  };
  base64_lines(body);
  for (const auto& a : m.attachments) {
    const std::string name = encode_header_words(a.filename);
    out += "--" + boundary + "\r\n";
    out += "Content-Type: " + a.content_type + "; name=\"" + name + "\"\r\n";
    out += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n";
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    base64_lines(a.bytes);
  }
  if (!m.attachments.empty()) out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace fuwu::notify
