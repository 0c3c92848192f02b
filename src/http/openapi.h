// The OpenAPI 3.1 document (src/http/openapi.json, embedded at build time) and the readiness
// warnings that /readyz reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::http {

std::string_view openapi_document();

// Readiness warnings (e.g. a working calendar whose data ends within 60 days).
std::vector<std::string> readiness_warnings(app::Services& services);

}  // namespace fuwu::http
