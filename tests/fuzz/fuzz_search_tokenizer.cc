// libFuzzer target: the search tokenizer, query parser and snippet on arbitrary bytes.
//
// Beyond "no crash, no sanitizer report", it checks the contract: every index token is
// non-empty, at most kMaxTokenBytes, valid UTF-8 with no ASCII upper case or separator, and its
// offsets lie inside the input in order; a parsed query has distinct non-empty terms; a rejected
// query is one invalid_request error on field "q"; a snippet is valid UTF-8 with balanced marks
// and no raw '<' outside them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "store/search/tokenizer.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80             ? 1
                    : (b & 0xE0) == 0xC0 ? 2
                    : (b & 0xF0) == 0xE0 ? 3
                    : (b & 0xF8) == 0xF0 ? 4
                                         : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::size_t last_begin = 0;
  fuwu::search::for_each_token(text, [&](const fuwu::search::Token& t) {
    check(!t.text.empty() && t.text.size() <= fuwu::search::kMaxTokenBytes);
    check(valid_utf8(t.text));
    for (char c : t.text) {
      const auto u = static_cast<unsigned char>(c);
      check(u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }
    check(t.begin < t.end && t.end <= size && t.begin >= last_begin);
    last_begin = t.begin;
    return true;
  });

  auto q = fuwu::search::parse_query(text);
  if (!q.ok()) {
    check(q.error().code == fuwu::ErrorCode::invalid_request);
    check(q.error().fields.size() == 1 && q.error().fields[0].field == "q");
    return 0;
  }
  check(!q->terms.empty());
  std::set<std::string> seen;
  for (const auto& term : q->terms) {
    check(!term.empty() && seen.insert(term).second);
  }
  const std::string s = fuwu::search::snippet(text, *q);
  check(valid_utf8(s));
  std::size_t open = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '<') continue;
    if (s.compare(i, 6, "<mark>") == 0) {
      check(open == 0);
      ++open;
    } else {
      check(s.compare(i, 7, "</mark>") == 0 && open == 1);
      --open;
    }
  }
  check(open == 0);
  (void)fuwu::search::fts5_match(*q);
  (void)fuwu::search::tsquery(*q, "AB");
  (void)fuwu::search::tsvector({{text, 'A'}});
  return 0;
}
