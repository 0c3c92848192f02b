#include "app/groups/group.h"

namespace fuwu::app {

Result<Group> get_group(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "group.read")) {
    return Error(ErrorCode::permission_denied, "you may not read groups");
  }
  auto group = TRY(find_group(ex, id));
  if (!group || !group_visible(actor, "group.read", *group)) {
    return Error(ErrorCode::not_found, "no such group");
  }
  return *group;
}

}  // namespace fuwu::app
