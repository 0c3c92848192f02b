#include "http/openapi.h"

namespace fuwu::http {

std::vector<std::string> readiness_warnings(app::Services&) {
  // Calendar coverage warnings join here once calendars live in the database.
  return {};
}

}  // namespace fuwu::http
