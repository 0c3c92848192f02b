// The one place that maps error codes to HTTP statuses and renders RFC 9457 problem documents.
#pragma once

#include "base/error.h"
#include "http/message.h"

namespace fuwu::http {

int http_status(ErrorCode code);

// application/problem+json: {"type": ".../problems/<slug>", "title", "status", "detail",
// "errors": [{"field", "code", "message"}], "request_id"}. Adds Retry-After for rate_limited and
// unavailable errors that name a delay.
Response problem_response(const Error& error, std::string_view request_id);

}  // namespace fuwu::http
