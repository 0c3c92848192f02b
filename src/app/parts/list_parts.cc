#include "app/parts/part.h"

namespace fuwu::app {

Result<std::vector<Part>> list_parts(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "part.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the parts master");
  }
  auto rows = TRY(ex.query("SELECT id FROM parts ORDER BY number"));
  std::vector<Part> out;
  for (const auto& r : rows)
    out.push_back(*TRY(find_part(ex, r.i64(0))));
  return out;
}

}  // namespace fuwu::app
