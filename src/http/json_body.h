// Strict parsing of JSON request bodies.
//
// Every HTTP handler that accepts a JSON body parses it with parse_json_body before anything
// else, so that no handler ever sees a document that is ambiguous or abusive. "Strict" means
// RFC 8259 and nothing more, plus the limits below:
//
//   - the body must be valid UTF-8 (overlong forms, UTF-8-encoded surrogates and code points
//     above U+10FFFF are invalid), and \u escapes must not leave a lone surrogate;
//   - no comments, no trailing commas, no NaN/Infinity, no byte order mark, no unescaped
//     control characters in strings, nothing but whitespace after the value;
//   - no object may name the same member twice (Boost.JSON alone would silently keep one);
//   - arrays and objects nest at most JsonLimits::max_depth deep (the top-level container
//     counts as depth 1);
//   - the body is at most JsonLimits::max_bytes long.
//
// Numbers are kept as Boost.JSON reads them: an integer becomes int64 when it fits, else uint64
// when it fits, else (a big integer beyond 64 bits) a double, which loses precision: handlers
// that need exact big integers must take them as strings. A number whose magnitude does not fit
// a double (1e400) is rejected as "syntax"; one that underflows (1e-400) becomes 0. Boost 1.81
// reads decimals with a fast algorithm that is not always correctly rounded: a double may be one
// or two units in the last place off, so serialize-then-parse is exact only up to that.
//
// Any JSON value is accepted at the top level; BodyReader::from insists on an object.
//
// Thread safety: parse_json_body is a pure function and may be called from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "base/result.h"

namespace fuwu::http {

struct JsonLimits {
  std::size_t max_bytes = 1 << 20;  // 1 MiB
  int max_depth = 64;               // nesting of arrays and objects; must be >= 1
};

// Parses a request body strictly.
//
// On success the value owns its memory (a monotonic arena shared by the whole document, freed
// when the last copy of the value is destroyed), independent of `body`.
//
// Failures:
//   - ErrorCode::payload_too_large when body.size() > limits.max_bytes (nothing is parsed);
//   - ErrorCode::invalid_request with exactly one FieldError whose `code` is one of
//       "empty_body"     the body is empty or only whitespace;
//       "syntax"         not JSON (also: truncated input, comments, trailing commas, NaN, BOM,
//                        control characters in strings, numbers out of range of a double);
//       "invalid_utf8"   a byte sequence that is not UTF-8, or a lone surrogate in a \u escape;
//       "duplicate_key"  an object names a member twice; `field` is the RFC 6901 JSON pointer of
//                        the repeated member, e.g. "/lines/0/qty";
//       "too_deep"       nesting deeper than limits.max_depth;
//       "trailing_data"  something other than whitespace follows the value.
//     `field` is "" (the whole body) except for "duplicate_key". Both Error::message and the
//     FieldError's message say what went wrong and at which byte offset (counted from 0).
Result<boost::json::value> parse_json_body(std::string_view body, const JsonLimits& limits = {});

// The byte offset of the first sequence in `text` that is not UTF-8 as RFC 3629 defines it (no
// overlong forms, no encoded surrogates, nothing above U+10FFFF, no truncated sequence), or
// std::string_view::npos when all of `text` is valid.
std::size_t find_invalid_utf8(std::string_view text);

// Appends "/" and `token` escaped as an RFC 6901 reference token ("~" as "~0", "/" as "~1") to
// `pointer`: append_json_pointer(p = "/lines/0", "a/b") makes p "/lines/0/a~1b".
void append_json_pointer(std::string& pointer, std::string_view token);

}  // namespace fuwu::http
