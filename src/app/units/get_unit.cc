#include "app/units/unit.h"

namespace fuwu::app {

Result<Unit> get_unit(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "unit.read")) {
    return Error(ErrorCode::permission_denied, "you may not read units");
  }
  auto unit = TRY(find_unit(ex, id));
  if (!unit || !unit_visible(actor, "unit.read", unit->organisation_id)) {
    return Error(ErrorCode::not_found, "no such unit");
  }
  return *unit;
}

}  // namespace fuwu::app
