// libFuzzer target: the rich-text sanitiser (src/domain/richtext) on arbitrary bytes.
//
// Beyond "no crash, no sanitizer report", it checks the contract: the output's tags hold no
// script-capable markup, also after a second pass (what a browser re-parses). The output need not
// be a fixed point: unwrapping unknown elements can nest what the parser then splits (<h2> in
// <h2>), which is harmless.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/richtext/sanitize.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

// The markup of sanitised output, lower-cased, with attribute values cut down to their first
// 16 characters (enough to see a URL's scheme) and their spaces shown as '_': text and values have
// '<', '>' and '"' escaped, so every '<' opens a tag that the next '>' closes and values run
// between plain quotes.
std::string tags_of(std::string_view html) {
  std::string out;
  bool in_tag = false, in_value = false;
  std::size_t value_chars = 0;
  for (char c : html) {
    if (!in_tag && c == '<') in_tag = true;
    if (!in_tag) continue;
    if (c == '"') {
      in_value = !in_value;
      value_chars = 0;
    } else if (in_value && ++value_chars > 16) {
      continue;
    } else if (in_value && c == ' ') {
      // A quoted value's text is not markup: " onerror=" inside a title is harmless, so spaces
      // in values cannot start a pattern below (a URL's scheme still shows).
      out += '_';
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!in_value && c == '>') in_tag = false;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string out = fuwu::richtext::sanitize_html(input);
  for (const std::string& l : {tags_of(out), tags_of(fuwu::richtext::sanitize_html(out))}) {
    for (const char* bad : {"<script", "<iframe", "<svg", "<object", "<embed", "<style", "<form",
                            " onerror=", " onload=", " style=", "href=\"javascript:"}) {
      check(l.find(bad) == std::string::npos);
    }
  }
  (void)fuwu::richtext::html_to_text(input);
  return 0;
}
