#include "store/search/tokenizer.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace fuwu::search {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

struct Decoded {
  char32_t cp;
  std::size_t len;
};

// One code point at `i`; an invalid sequence (bad lead or continuation byte, overlong form,
// surrogate, past U+10FFFF, truncated) is kInvalid with length 1.
Decoded decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {kInvalid, 1};
  }
  if (i + len > s.size()) return {kInvalid, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {kInvalid, 1};
  return {cp, len};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t utf8_len(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

bool in(char32_t cp, char32_t lo, char32_t hi) {
  return cp >= lo && cp <= hi;
}

bool is_cjk(char32_t cp) {
  return in(cp, 0x4E00, 0x9FFF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0x20000, 0x3FFFF) ||
         in(cp, 0xF900, 0xFAFF) || in(cp, 0x3005, 0x3007) ||                            // 々〆〇
         in(cp, 0x3040, 0x309F) || in(cp, 0x30A0, 0x30FF) || in(cp, 0x31F0, 0x31FF) ||  // kana
         in(cp, 0xFF66, 0xFF9F) ||                                                      // half kana
         in(cp, 0xAC00, 0xD7AF) || in(cp, 0x1100, 0x11FF) || in(cp, 0x3130, 0x318F);    // Hangul
}

// Full-width ASCII to half-width, then simple lower-casing.
char32_t fold(char32_t cp) {
  if (in(cp, 0xFF01, 0xFF5E)) cp -= 0xFEE0;
  if (in(cp, 'A', 'Z')) return cp + 0x20;
  if (cp < 0x80) return cp;
  if (in(cp, 0xC0, 0xDE) && cp != 0xD7) return cp + 0x20;     // Latin-1
  if (in(cp, 0x391, 0x3A9) && cp != 0x3A2) return cp + 0x20;  // Greek
  if (in(cp, 0x410, 0x42F)) return cp + 0x20;                 // Cyrillic
  if (in(cp, 0x400, 0x40F)) return cp + 0x50;
  return cp;
}

enum class Class { separator, word, cjk };

// `cp` already folded.
Class classify(char32_t cp) {
  if (cp == kInvalid) return Class::separator;
  if (cp < 0x80) {
    const bool alnum = in(cp, 'a', 'z') || in(cp, '0', '9') || in(cp, 'A', 'Z');
    return alnum ? Class::word : Class::separator;
  }
  if (is_cjk(cp)) return Class::cjk;
  const bool punct_or_symbol =
      in(cp, 0x80, 0xBF) || cp == 0xD7 || cp == 0xF7 || in(cp, 0x2000, 0x2BFF) ||
      in(cp, 0x2E00, 0x2E7F) || in(cp, 0x3000, 0x303F) || in(cp, 0xFE00, 0xFE6F) ||
      in(cp, 0xFF00, 0xFF65) || in(cp, 0xFFE0, 0xFFFF) || in(cp, 0xE000, 0xF8FF) ||
      in(cp, 0x1F000, 0x1FAFF) || in(cp, 0xE0000, 0xE007F);
  return punct_or_symbol ? Class::separator : Class::word;
}

enum class Mode { index, query };

struct Char {
  char32_t cp;
  std::size_t begin;
  std::size_t end;
};

// The scanner shared by indexing and queries. Returns false when the sink stopped it.
bool scan(std::string_view text, Mode mode, const std::function<bool(const Token&)>& sink) {
  Token word;
  bool in_word = false;
  bool word_full = false;
  std::vector<Char> run;  // the current CJK run

  auto flush_word = [&]() -> bool {
    if (!in_word) return true;
    in_word = false;
    word_full = false;
    return sink(word);
  };
  auto flush_run = [&]() -> bool {
    const std::size_t n = run.size();
    Token t;
    for (std::size_t i = 0; i < n; ++i) {
      const bool single = mode == Mode::index || n == 1;
      if (single) {
        t.text = text.substr(run[i].begin, run[i].end - run[i].begin);
        t.begin = run[i].begin;
        t.end = run[i].end;
        if (!sink(t)) return false;
      }
      if (i + 1 < n) {
        t.text = text.substr(run[i].begin, run[i + 1].end - run[i].begin);
        t.begin = run[i].begin;
        t.end = run[i + 1].end;
        if (!sink(t)) return false;
      }
    }
    run.clear();
    return true;
  };

  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    const char32_t cp = d.cp == kInvalid ? kInvalid : fold(d.cp);
    switch (classify(cp)) {
      case Class::word:
        if (!flush_run()) return false;
        if (!in_word) {
          in_word = true;
          word.text.clear();
          word.begin = i;
        }
        if (!word_full && word.text.size() + utf8_len(cp) <= kMaxTokenBytes) {
          append_utf8(word.text, cp);
          word.end = i + d.len;
        } else {
          word_full = true;
        }
        break;
      case Class::cjk:
        if (!flush_word()) return false;
        run.push_back({cp, i, i + d.len});
        break;
      case Class::separator:
        if (!flush_word() || !flush_run()) return false;
        break;
    }
    i += d.len;
  }
  return flush_word() && flush_run();
}

bool is_quote(char32_t cp) {
  return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0xFF02;
}

void append_quoted(std::string& out, std::string_view term, char quote) {
  out += quote;
  for (char c : term) {
    if (c == quote) out += quote;
    if (quote == '\'' && c == '\\') out += '\\';
    out += c;
  }
  out += quote;
}

void append_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    switch (d.cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case kInvalid:
        out += "\xEF\xBF\xBD";
        break;  // U+FFFD
      default:
        out.append(s.substr(i, d.len));
    }
    i += d.len;
  }
}

}  // namespace

bool for_each_token(std::string_view text, const std::function<bool(const Token&)>& sink) {
  return scan(text, Mode::index, sink);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  for_each_token(text, [&](const Token& t) {
    out.push_back(t);
    return true;
  });
  return out;
}

Result<Query> parse_query(std::string_view text) {
  auto bad = [](std::string code, std::string message) {
    return Error(ErrorCode::invalid_request, "bad search query: " + message)
        .with_field("q", std::move(code), std::move(message));
  };
  std::size_t chars = 0;
  bool quoted = false;
  bool blank = true;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    ++chars;
    if (is_quote(d.cp)) quoted = !quoted;
    if (d.cp != ' ' && d.cp != '\t' && d.cp != '\n' && d.cp != '\r' && d.cp != 0x3000) {
      blank = false;
    }
    i += d.len;
  }
  if (blank) return bad("required", "the query is empty");
  if (chars > kMaxQueryChars) {
    return bad("too_long",
               "the query has more than " + std::to_string(kMaxQueryChars) + " characters");
  }
  if (quoted) return bad("unbalanced_quote", "a quoted phrase is not closed");
  Query q;
  std::set<std::string, std::less<>> seen;
  scan(text, Mode::query, [&](const Token& t) {
    if (seen.insert(t.text).second) q.terms.push_back(t.text);
    return true;
  });
  if (q.terms.empty()) return bad("no_words", "the query has no word to search for");
  return q;
}

std::string fts5_match(const Query& q) {
  std::string out;
  for (const auto& term : q.terms) {
    if (!out.empty()) out += " AND ";
    append_quoted(out, term, '"');
  }
  return out;
}

std::string tsquery(const Query& q, std::string_view weights) {
  std::string out;
  for (const auto& term : q.terms) {
    if (!out.empty()) out += " & ";
    append_quoted(out, term, '\'');
    if (!weights.empty()) {
      out += ':';
      out += weights;
    }
  }
  return out;
}

std::string tsvector(const std::vector<WeightedText>& texts) {
  // PostgreSQL keeps positions 1..16383 and at most 256 per lexeme.
  constexpr int kMaxPosition = 16383;
  constexpr std::size_t kMaxPositions = 256;
  std::map<std::string, std::vector<std::pair<int, char>>, std::less<>> lexemes;
  int position = 0;
  for (const auto& t : texts) {
    for_each_token(t.text, [&](const Token& token) {
      position = std::min(position + 1, kMaxPosition);
      auto& list = lexemes[token.text];
      if (list.size() < kMaxPositions) list.emplace_back(position, t.weight);
      return true;
    });
  }
  std::string out;
  for (const auto& [lexeme, positions] : lexemes) {
    if (!out.empty()) out += ' ';
    append_quoted(out, lexeme, '\'');
    char sep = ':';
    for (const auto& [pos, weight] : positions) {
      out += sep;
      out += std::to_string(pos);
      out += weight;
      sep = ',';
    }
  }
  return out;
}

std::string snippet(std::string_view text, const Query& q, std::size_t max_chars,
                    std::size_t context_chars) {
  const std::set<std::string_view> terms(q.terms.begin(), q.terms.end());
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for_each_token(text, [&](const Token& t) {
    if (!terms.contains(t.text)) return true;
    if (!marks.empty() && t.begin <= marks.back().second) {
      marks.back().second = std::max(marks.back().second, t.end);
    } else {
      marks.emplace_back(t.begin, t.end);
    }
    return true;
  });
  if (marks.empty()) return {};
  // Code point starts, to cut at characters rather than bytes.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); i += decode(text, i).len)
    starts.push_back(i);
  const auto first_char = static_cast<std::size_t>(
      std::lower_bound(starts.begin(), starts.end(), marks.front().first) - starts.begin());
  const std::size_t from_char = first_char > context_chars ? first_char - context_chars : 0;
  const std::size_t to_char = std::min(starts.size(), from_char + max_chars);
  const std::size_t from = starts[from_char];
  const std::size_t to = to_char < starts.size() ? starts[to_char] : text.size();

  std::string out;
  if (from_char > 0) out += "…";
  std::size_t at = from;
  for (const auto& [b, e] : marks) {
    if (e <= from) continue;
    if (b >= to) break;
    const std::size_t mb = std::max(b, from);
    const std::size_t me = std::min(e, to);
    append_escaped(out, text.substr(at, mb - at));
    out += "<mark>";
    append_escaped(out, text.substr(mb, me - mb));
    out += "</mark>";
    at = me;
  }
  append_escaped(out, text.substr(at, to - at));
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace fuwu::search
