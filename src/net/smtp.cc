#include "net/smtp.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace fuwu::net {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t items, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t room = size * items;
  const std::size_t left = up->data->size() - up->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Status send_mail(const SmtpSettings& s, const std::string& from, const std::string& to,
                 const std::string& message) {
  init_curl();
  CURL* curl = curl_easy_init();
  if (!curl) return Error(ErrorCode::internal, "libcurl could not start");
  const std::string url = std::string(s.tls == "implicit" ? "smtps://" : "smtp://") + s.host + ":" +
                          std::to_string(s.port) + "/" + s.helo_domain;
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  Upload up{&message};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + from + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_chunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(s.timeout_seconds));
  if (s.tls == "starttls")
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (s.tls != "none") {
    if (!s.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, s.verify_peer ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, s.verify_peer ? 2L : 0L);
  }
  if (!s.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return {};
  std::string what = "SMTP: ";
  what += errbuf[0] ? errbuf : curl_easy_strerror(rc);
  if (response) what += " (reply " + std::to_string(response) + ")";
  if (response >= 500 && response < 600) return Error(ErrorCode::validation_failed, what);
  return Error(ErrorCode::unavailable, what);
}

}  // namespace fuwu::net
