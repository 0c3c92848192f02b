// Reading a mailbox over IMAP with libcurl: the unseen messages' UIDs, one message by UID
// (fetching marks it \Seen), and putting a message back to unseen after a failed hand-over.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace fuwu::net {

struct ImapSettings {
  std::string url;  // imap://host:port/INBOX, or imaps:// for implicit TLS
  std::string username;
  std::string password;
  bool starttls = false;  // require STARTTLS on imap://
  bool verify_peer = true;
  std::string ca_file;
  int timeout_seconds = 60;
};

// Errors: unavailable (connection, login, timeouts: try again later).
Result<std::vector<std::int64_t>> imap_unseen(const ImapSettings& settings);
Result<std::string> imap_fetch(const ImapSettings& settings, std::int64_t uid);
Status imap_mark_unseen(const ImapSettings& settings, std::int64_t uid);

}  // namespace fuwu::net
