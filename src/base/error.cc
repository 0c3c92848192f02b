#include "base/error.h"

namespace fuwu {
namespace {

struct CodeInfo {
  ErrorCode code;
  std::string_view slug;
  std::string_view title;
};

constexpr CodeInfo kCodes[] = {
    {ErrorCode::invalid_request, "invalid-request", "Invalid request"},
    {ErrorCode::validation_failed, "validation-failed", "Validation failed"},
    {ErrorCode::not_found, "not-found", "Not found"},
    {ErrorCode::conflict, "conflict", "Conflict"},
    {ErrorCode::invalid_transition, "invalid-transition", "Transition not allowed"},
    {ErrorCode::precondition_failed, "precondition-failed", "Stale version"},
    {ErrorCode::precondition_required, "precondition-required", "If-Match required"},
    {ErrorCode::unauthenticated, "unauthenticated", "Authentication required"},
    {ErrorCode::permission_denied, "permission-denied", "Permission denied"},
    {ErrorCode::rate_limited, "rate-limited", "Too many requests"},
    {ErrorCode::payload_too_large, "payload-too-large", "Payload too large"},
    {ErrorCode::unsupported_media_type, "unsupported-media-type", "Unsupported media type"},
    {ErrorCode::unavailable, "unavailable", "Service unavailable"},
    {ErrorCode::timeout, "timeout", "Timeout"},
    {ErrorCode::internal, "internal", "Internal error"},
};

const CodeInfo& info(ErrorCode code) {
  for (const auto& c : kCodes) {
    if (c.code == code) return c;
  }
  return kCodes[sizeof(kCodes) / sizeof(kCodes[0]) - 1];
}

}  // namespace

std::string_view error_slug(ErrorCode code) {
  return info(code).slug;
}
std::string_view error_title(ErrorCode code) {
  return info(code).title;
}

const std::vector<ErrorCode>& all_error_codes() {
  static const std::vector<ErrorCode> codes = [] {
    std::vector<ErrorCode> v;
    for (const auto& c : kCodes)
      v.push_back(c.code);
    return v;
  }();
  return codes;
}

}  // namespace fuwu
