// libFuzzer target: parse_json_body and BodyReader on arbitrary bytes.
//
// Beyond "no crash, no sanitizer report", it checks the contract: an accepted body is valid
// UTF-8 and within the depth limit; a rejected one carries exactly one field error with one of
// the documented codes; a BodyReader over an accepted object survives every accessor on every
// member, and finish() classifies what it collected.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "http/body_reader.h"
#include "http/json_body.h"

namespace {

using fuwu::http::BodyReader;
using fuwu::http::Presence;

void check(bool ok) {
  if (!ok) std::abort();
}

bool known_code(std::string_view c) {
  return c == "syntax" || c == "invalid_utf8" || c == "duplicate_key" || c == "too_deep" ||
         c == "trailing_data" || c == "empty_body";
}

int depth(const boost::json::value& v) {
  int d = 0;
  if (const auto* a = v.if_array()) {
    for (const auto& e : *a)
      d = std::max(d, depth(e));
    return d + 1;
  }
  if (const auto* o = v.if_object()) {
    for (const auto& m : *o)
      d = std::max(d, depth(m.value()));
    return d + 1;
  }
  return 0;
}

void read_everything(const boost::json::value& v) {
  auto reader = BodyReader::from(v);
  if (!reader.ok()) {
    check(!v.is_object());
    return;
  }
  check(v.is_object());
  std::size_t i = 0;
  for (const auto& member : v.get_object()) {
    const std::string_view key(member.key().data(), member.key().size());
    // Skip some members so that finish() also reports unknown fields.
    if (i++ % 3 == 2) continue;
    const Presence p = i % 2 ? Presence::required : Presence::optional;
    auto text = reader->text(key, p, {.min_chars = 1, .max_chars = 20, .single_line = i % 4 == 0});
    if (text) check(fuwu::http::find_invalid_utf8(*text) == std::string_view::npos);
    (void)reader->integer(key, p, {.min = -5, .max = 1000});
    (void)reader->number(key, p);
    (void)reader->boolean(key, p);
    (void)reader->one_of(key, {"low", "high"}, p);
    (void)reader->instant(key, p);
    (void)reader->date(key, p);
    if (const auto* nested = reader->raw(key, p)) {
      if (nested->is_object()) read_everything(*nested);
    }
    (void)reader->is_null(key);
  }
  const fuwu::Status s = reader->finish();
  if (!s.ok()) check(!s.error().fields.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  for (const int max_depth : {64, 3}) {
    const auto r =
        fuwu::http::parse_json_body(body, {.max_bytes = 1 << 20, .max_depth = max_depth});
    if (r.ok()) {
      check(fuwu::http::find_invalid_utf8(body) == std::string_view::npos);
      check(depth(*r) <= max_depth);
      if (max_depth == 64) read_everything(*r);
    } else {
      check(r.error().code == fuwu::ErrorCode::invalid_request);
      check(r.error().fields.size() == 1);
      check(known_code(r.error().fields[0].code));
    }
  }
  return 0;
}
