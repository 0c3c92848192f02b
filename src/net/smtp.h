// Sending one e-mail over SMTP with libcurl: plain, STARTTLS (required) or implicit TLS
// (smtps://), optional AUTH. The only code that talks SMTP.
#pragma once

#include <string>

#include "base/result.h"

namespace fuwu::net {

struct SmtpSettings {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string tls = "none";  // none | starttls | implicit
  std::string username;      // "" for no AUTH
  std::string password;
  std::string ca_file;  // "" for the system's trust store
  bool verify_peer = true;
  int timeout_seconds = 30;
  std::string helo_domain = "fuwu.localdomain";
};

// Sends `message` (RFC 5322 text with CRLF line endings) from `from` to `to`. Errors:
// unavailable (connection refused, timeouts, 4xx: worth retrying), validation_failed (5xx
// rejection of an address), internal (anything else).
Status send_mail(const SmtpSettings& settings, const std::string& from, const std::string& to,
                 const std::string& message);

}  // namespace fuwu::net
