// libFuzzer target: the e-mail parser (src/mail/parse.cc, GMime) on arbitrary bytes.
//
// Beyond "no crash, no sanitizer report": every decoded text it returns (subject, names, bodies,
// the HTML body) is valid UTF-8, addresses are lower case, and loop_reason answers one
// of its four values.
#include <glib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mail/parse.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void utf8(const std::string& s) {
  check(g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  auto m = fuwu::mail::parse_mail(raw);
  if (!m.ok()) return 0;
  utf8(m->subject);
  utf8(m->text);
  utf8(m->html);
  for (char c : m->from_address)
    check(!(c >= 'A' && c <= 'Z'));
  const std::string r = fuwu::mail::loop_reason(*m, "desk.example", "support@desk.example");
  check(r.empty() || r == "own" || r == "bounce" || r == "auto_reply");
  return 0;
}
