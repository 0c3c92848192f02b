#include "app/users/user.h"

namespace fuwu::app {

Result<User> get_user(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "user.read")) {
    return Error(ErrorCode::permission_denied, "you may not read people");
  }
  auto user = TRY(find_user_by_id(ex, id));
  if (!user || !user_visible(actor, "user.read", *user)) {
    return Error(ErrorCode::not_found, "no such person");
  }
  return *user;
}

}  // namespace fuwu::app
