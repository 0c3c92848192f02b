// BodyReader: typed, validating access to the members of a JSON object body.
//
// A handler parses the body with parse_json_body, wraps the object in a BodyReader, asks for
// each member it knows with the accessor of the member's type, and calls finish() once:
//
//   auto body = TRY(parse_json_body(request.body));
//   auto in = TRY(BodyReader::from(body));
//   auto title = in.text("title", Presence::required, {.min_chars = 1, .max_chars = 200,
//                                                      .single_line = true});
//   auto priority = in.one_of("priority", {"low", "medium", "high"});
//   auto due = in.instant("due_at");
//   if (due && *due < now) in.add_error("/due_at", "out_of_range", "must not be in the past");
//   TRY_VOID(in.finish());   // every problem at once; nothing written if any
//   // ... here title has a value, because it was required and finish() succeeded
//
// Accessors never fail the call: a problem is recorded and the accessor returns nullopt (or
// nullptr), so the handler can read every member and report every problem together. Only after
// finish() succeeded are the returned values known to obey the rules asked for; a required
// member's value is then present.
//
// Fields in errors are RFC 6901 JSON pointers ("/title", "/lines/0/qty"), prefixed by the
// `pointer` given to from() for a nested object.
//
// Absent and null: a member that is absent or JSON null yields nullopt from the typed
// accessors; if it is required, that is a "required" error. has() and is_null() tell the two
// apart, which PATCH handlers need ("null" clears a field, "absent" leaves it alone).
//
// Error codes (FieldError::code) are the stable contract:
//   structural (the request is malformed → ErrorCode::invalid_request, HTTP 400):
//     "unknown_field"   a member no accessor, has() or is_null() asked about;
//     "wrong_type"      the member has another JSON type than asked for (e.g. a number for
//                       text(), 2.5 for integer()).
//   values (well formed but breaks a rule → ErrorCode::validation_failed, HTTP 422):
//     "required"        a required member is absent or null (or, for text, blank after trim);
//     "too_short", "too_long"   text length out of TextRule bounds, in code points;
//     "out_of_range"    an integer outside IntRange (or beyond int64);
//     "not_allowed"     one_of() got a string not in the allowed list;
//     "invalid_format"  instant() or date() got a string that is not RFC 3339 / YYYY-MM-DD;
//     "invalid_text"    text with invalid UTF-8, NUL, or a C0 control character other than
//                       \n and \t (those two are also refused when single_line).
//   Codes added with add_error() are classified the same way: "unknown_field" and "wrong_type"
//   are structural, any other code is a value problem.
//
// Ownership and threads: a BodyReader refers to the object it was made from, which must outlive
// it. It is a per-request value, used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "base/error.h"
#include "base/result.h"
#include "base/time.h"

namespace fuwu::http {

enum class Presence { optional, required };

struct TextRule {
  std::size_t min_chars = 0;  // code points, after trimming
  std::size_t max_chars = 10000;
  // Remove leading and trailing white space: ASCII space, \t, \n, \r, U+00A0 and the
  // ideographic space U+3000 (common in Chinese input).
  bool trim = true;
  bool single_line = false;  // refuse \n and \t as well
};

struct IntRange {
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

class BodyReader {
 public:
  // invalid_request ("wrong_type" at `pointer`, or "" for the whole body) unless v is an object.
  // `pointer` prefixes every field this reader reports, for readers of nested objects:
  //   BodyReader::from(line, "/lines/" + std::to_string(i)).
  static Result<BodyReader> from(const boost::json::value& v, std::string pointer = {});
  // The reader keeps a pointer into the value: a temporary would dangle.
  static Result<BodyReader> from(boost::json::value&& v, std::string pointer = {}) = delete;

  // A string, validated by `rule` and trimmed if rule.trim. A required text that is empty after
  // trimming is reported as "required".
  std::optional<std::string> text(std::string_view key, Presence p = Presence::optional,
                                  TextRule rule = {});
  // An integer in [r.min, r.max]. A JSON number with a fraction is "wrong_type"; one written
  // with an exponent or ".0" is accepted when its value is a whole number (1e3 == 1000).
  std::optional<std::int64_t> integer(std::string_view key, Presence p = Presence::optional,
                                      IntRange r = {});
  // Any JSON number, as a double (integers beyond 2^53 lose precision).
  std::optional<double> number(std::string_view key, Presence p = Presence::optional);
  std::optional<bool> boolean(std::string_view key, Presence p = Presence::optional);
  // A string equal (exactly, case-sensitively) to one of `allowed`.
  std::optional<std::string> one_of(std::string_view key,
                                    std::initializer_list<std::string_view> allowed,
                                    Presence p = Presence::optional);
  // RFC 3339 with an explicit offset ("2026-10-09T10:00:00+08:00" or "...Z").
  std::optional<Instant> instant(std::string_view key, Presence p = Presence::optional);
  // A calendar date "YYYY-MM-DD".
  std::optional<Date> date(std::string_view key, Presence p = Presence::optional);
  // The member itself, of any type but null, for the caller to read (e.g. with a nested
  // BodyReader); nullptr when absent or null. The caller reports problems inside it.
  const boost::json::value* raw(std::string_view key, Presence p = Presence::optional);

  // Present (even if null). Marks the member as known.
  bool has(std::string_view key) const;
  // Present and JSON null: for PATCH, "clear this field". Marks the member as known.
  bool is_null(std::string_view key) const;

  // Records a problem found by the caller. `field` is used as given (normally a JSON pointer
  // from pointer_of()).
  void add_error(std::string field, std::string code, std::string message);
  // Records every field error of a failed Status (e.g. a nested reader's finish()) as is.
  void add_errors(const Status& nested);
  // The JSON pointer this reader reports for `key`, e.g. "/lines/0/qty".
  std::string pointer_of(std::string_view key) const;

  // ok, or an Error listing every recorded problem and then every unknown member, in body
  // order: invalid_request if any of them is structural, else validation_failed.
  Status finish() const;

 private:
  BodyReader(const boost::json::object& object, std::string pointer);

  // The member's value, or nullptr when absent. Marks it as known.
  const boost::json::value* find(std::string_view key) const;
  // The member's value if present and not null; otherwise nullptr, after recording "required"
  // when p is required.
  const boost::json::value* lookup(std::string_view key, Presence p);
  // Looks up a member that must be a string.
  const boost::json::string* lookup_string(std::string_view key, Presence p);
  void wrong_type(std::string_view key, std::string_view expected);

  const boost::json::object* object_;
  std::string pointer_;
  mutable std::vector<bool> known_;  // by member index: asked for by some accessor
  std::vector<FieldError> errors_;
};

}  // namespace fuwu::http
