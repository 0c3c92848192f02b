#include "app/parts/part.h"

namespace fuwu::app {

Result<Part> get_part(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "part.read")) {
    return Error(ErrorCode::permission_denied, "you may not read the parts master");
  }
  auto p = TRY(find_part(ex, id));
  if (!p) return Error(ErrorCode::not_found, "no such part");
  return *p;
}

}  // namespace fuwu::app
