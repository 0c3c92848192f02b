#include "net/imap.h"

#include <curl/curl.h>

#include <mutex>
#include <sstream>

namespace fuwu::net {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

// One IMAP request: `url` (the mailbox, or a message in it) and an optional custom command.
Result<std::string> request(const ImapSettings& s, const std::string& url,
                            const std::string& command) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) return Error(ErrorCode::internal, "libcurl could not start");
  std::string body;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, s.username.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  if (!command.empty()) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.c_str());
  if (s.starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!s.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, s.verify_peer ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, s.verify_peer ? 2L : 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(s.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Error(ErrorCode::unavailable,
                 std::string("IMAP: ") + (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  }
  return body;
}

std::string mailbox_url(const ImapSettings& s) {
  std::string url = s.url;
  while (!url.empty() && url.back() == '/')
    url.pop_back();
  return url;
}

}  // namespace

Result<std::vector<std::int64_t>> imap_unseen(const ImapSettings& s) {
  const std::string reply = TRY(request(s, mailbox_url(s), "UID SEARCH UNSEEN"));
  std::vector<std::int64_t> uids;
  std::istringstream lines(reply);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    std::int64_t uid = 0;
    while (words >> uid)
      uids.push_back(uid);
  }
  return uids;
}

Result<std::string> imap_fetch(const ImapSettings& s, std::int64_t uid) {
  return request(s, mailbox_url(s) + "/;UID=" + std::to_string(uid), "");
}

Status imap_mark_unseen(const ImapSettings& s, std::int64_t uid) {
  TRY(request(s, mailbox_url(s), "UID STORE " + std::to_string(uid) + " -FLAGS (\\Seen)"));
  return {};
}

}  // namespace fuwu::net
