#include "app/follow_ups/follow_up.h"

namespace fuwu::app {

Result<FollowUp> get_follow_up(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "follow_up.read")) {
    return Error(ErrorCode::permission_denied, "you may not read follow-ups");
  }
  auto f = TRY(find_follow_up(ex, id));
  if (!f || !access::may(actor.principal, "follow_up.read", follow_up_ownership(*f))) {
    return Error(ErrorCode::not_found, "no such follow-up");
  }
  return *f;
}

}  // namespace fuwu::app
