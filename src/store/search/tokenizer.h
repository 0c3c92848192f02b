// Fuwu's one tokenizer for full-text search, used for indexing and for queries on every backend
// (SQLite registers it as the FTS5 tokenizer "fuwu"; PostgreSQL stores its tokens as a tsvector).
//
// Indexing (tokenize):
//   - CJK text (Han, Hiragana, Katakana, Hangul) becomes single characters plus overlapping
//     bigrams: 服务器宕机 -> 服 务 器 宕 机 服务 务器 器宕 宕机, so a two-character word is found.
//   - Other text becomes words of letters and digits, lower-cased (ASCII, Latin-1, Greek,
//     Cyrillic); full-width ASCII (ＶＰＮ１２) is folded to half-width first.
//   - Punctuation, symbols, spaces and invalid UTF-8 bytes separate tokens and are dropped.
//   - A word is cut at kMaxTokenBytes.
// Queries (parse_query):
//   - a CJK run becomes its bigrams (a one-character run the character itself), other words
//     their token; every term must match (AND). "quoted phrases" give all their tokens (AND).
//   - errors are invalid_request values: empty query, over kMaxQueryChars characters, an
//     unbalanced quote, a query with no searchable word.
//
// Pure code: no I/O, no locale, thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::search {

inline constexpr std::size_t kMaxTokenBytes = 64;
inline constexpr std::size_t kMaxQueryChars = 200;

struct Token {
  std::string text;       // normalised token (lower-cased, half-width)
  std::size_t begin = 0;  // byte offsets of the source text it came from
  std::size_t end = 0;
  bool operator==(const Token&) const = default;
};

// Calls `sink` for each index token in order of appearance; stops early when `sink` returns
// false. Returns false when stopped early.
bool for_each_token(std::string_view text, const std::function<bool(const Token&)>& sink);
// The index tokens of `text`.
std::vector<Token> tokenize(std::string_view text);

struct Query {
  // Distinct terms, every one of which must match, in order of first appearance.
  std::vector<std::string> terms;
};
Result<Query> parse_query(std::string_view text);

// The query as an FTS5 MATCH expression: "t1" AND "t2" ... (each term is one token for the
// fuwu tokenizer, which passes query strings through unchanged).
std::string fts5_match(const Query& q);
// The query as PostgreSQL tsquery input: 't1':W & 't2':W with W the weights allowed ("" = all).
std::string tsquery(const Query& q, std::string_view weights);
// A tsvector literal of `texts`, each with its weight letter (A-D): 'tok':1A,5A 'x':3B ...
struct WeightedText {
  std::string_view text;
  char weight = 'D';
};
std::string tsvector(const std::vector<WeightedText>& texts);

// A short excerpt of `text` around the first match of any of `q`'s terms, HTML-escaped, with
// matches wrapped in <mark></mark>; "" when nothing matches. `context_chars` characters are
// kept before the first match and up to `max_chars` in all; cuts are shown as "…".
std::string snippet(std::string_view text, const Query& q, std::size_t max_chars = 80,
                    std::size_t context_chars = 16);

}  // namespace fuwu::search
