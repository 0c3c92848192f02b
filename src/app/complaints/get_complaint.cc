#include "app/complaints/complaint.h"

namespace fuwu::app {

Result<Complaint> get_complaint(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "complaint.read")) {
    return Error(ErrorCode::permission_denied, "you may not read complaints");
  }
  auto c = TRY(find_complaint(ex, id));
  if (!c || !access::may(actor.principal, "complaint.read", complaint_ownership(*c))) {
    return Error(ErrorCode::not_found, "no such complaint");
  }
  return *c;
}

}  // namespace fuwu::app
