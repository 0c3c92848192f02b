// The OpenAPI 3.1 document. It is kept in src/http/openapi/: base.json (info, security, shared
// components) and one fragment per area ({"paths": …, "schemas": …}), so each area documents its
// own routes. They are embedded at build time and merged once. tests/routes keeps the merged
// document identical to the route table.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::http {

// The merged document as JSON text.
std::string_view openapi_document();

// The embedded files: {"base", text}, {"organisations", text} …
const std::vector<std::pair<std::string_view, std::string_view>>& openapi_fragments();

// Readiness warnings (e.g. a working calendar whose data ends within 60 days).
std::vector<std::string> readiness_warnings(app::Services& services);

}  // namespace fuwu::http
