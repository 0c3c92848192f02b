// Error: the one failure value of Fuwu.
//
// Expected failures (bad input, a missing record, a stale ETag, a busy database) are values of
// type Error carried by Result<T>; bugs are assertions. The list of codes is short and closed:
// pick the code by what the caller should do next, not by where the failure happened. Each code
// maps to exactly one HTTP status in http/error_mapping.cc and has a stable problem `type` slug.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fuwu {

enum class ErrorCode : std::uint8_t {
  // The request is malformed: bad syntax, wrong JSON type, unknown field, invalid UTF-8.
  invalid_request,
  // The request is well formed but its values break a rule; `fields` says which and why.
  validation_failed,
  // The record does not exist, or the caller may not know that it exists.
  not_found,
  // The write collides with existing state: a unique key taken, a record in use.
  conflict,
  // The record's lifecycle does not allow this transition from its current state.
  invalid_transition,
  // If-Match named a version that is no longer current: reload and retry.
  precondition_failed,
  // An update was sent without If-Match.
  precondition_required,
  // No valid session or token was presented.
  unauthenticated,
  // The caller is known but lacks the permission for this action.
  permission_denied,
  // Too many attempts; retry after the delay the error names.
  rate_limited,
  // The body or an upload is larger than allowed.
  payload_too_large,
  // The body's media type is not one this route accepts.
  unsupported_media_type,
  // A dependency (database, mail server) is temporarily unavailable; retrying may succeed.
  unavailable,
  // The operation did not finish in time.
  timeout,
  // A bug or an unexpected environment failure; details go to the log, not to the caller.
  internal,
};

// Stable, URL-safe slug of a code, e.g. "validation-failed"; used as the problem `type` suffix.
std::string_view error_slug(ErrorCode code);
// One-line English title of a code, e.g. "Validation failed".
std::string_view error_title(ErrorCode code);
// All codes, in declaration order (for documentation and tests).
const std::vector<ErrorCode>& all_error_codes();

// A field-level detail for validation errors. `field` is a JSON pointer-like path ("priority",
// "lines/2/quantity"); `code` is a stable machine word ("required", "unknown_field", "too_long").
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;             // human, safe to show to the caller
  std::vector<FieldError> fields;  // for invalid_request / validation_failed
  std::string subject;             // machine detail: a constraint name, an allowed-transitions list
  std::int64_t retry_after_seconds = 0;  // for rate_limited / unavailable

  Error() = default;
  Error(ErrorCode c, std::string msg) : code(c), message(std::move(msg)) {}

  Error& with_field(std::string field, std::string field_code, std::string msg) {
    fields.push_back({std::move(field), std::move(field_code), std::move(msg)});
    return *this;
  }
};

inline Error make_error(ErrorCode code, std::string message) {
  return Error(code, std::move(message));
}

}  // namespace fuwu
