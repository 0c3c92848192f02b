#include "http/error_mapping.h"

#include <boost/json.hpp>

namespace fuwu::http {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_request:
      return 400;
    case ErrorCode::validation_failed:
      return 422;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::invalid_transition:
      return 409;
    case ErrorCode::precondition_failed:
      return 412;
    case ErrorCode::precondition_required:
      return 428;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::permission_denied:
      return 403;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::timeout:
      return 504;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

Response problem_response(const Error& error, std::string_view request_id) {
  Response r;
  r.status = http_status(error.code);
  boost::json::object body;
  body["type"] = std::string("https://fuwu.dev/problems/") + std::string(error_slug(error.code));
  body["title"] = error_title(error.code);
  body["status"] = r.status;
  // Internal errors never leak their details to the caller; they are logged instead.
  if (error.code != ErrorCode::internal && !error.message.empty()) body["detail"] = error.message;
  if (!error.fields.empty()) {
    boost::json::array fields;
    for (const auto& f : error.fields) {
      // Fields are JSON pointers without the leading slash: "name", "lines/2/quantity".
      std::string_view field = f.field;
      if (field.starts_with('/')) field.remove_prefix(1);
      fields.push_back({{"field", field}, {"code", f.code}, {"message", f.message}});
    }
    body["errors"] = std::move(fields);
  }
  if (error.code == ErrorCode::invalid_transition && !error.subject.empty()) {
    body["allowed"] = error.subject;
  }
  if (!request_id.empty()) body["request_id"] = request_id;
  r.body = boost::json::serialize(body);
  r.set_header("Content-Type", "application/problem+json");
  if (error.retry_after_seconds > 0) {
    r.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  }
  if (r.status == 401) r.set_header("WWW-Authenticate", "Bearer realm=\"fuwu\"");
  return r;
}

}  // namespace fuwu::http
