#include "app/platform/audit.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<ResponseTermsRecord> get_response_terms(store::Executor& ex, const Actor& actor,
                                               std::int64_t organisation_id) {
  if (!access::can(actor.principal, "response_terms.read")) {
    return Error(ErrorCode::permission_denied, "you may not read response terms");
  }
  if (organisation_id != 0) {
    auto org = TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {organisation_id}));
    if (!org) return Error(ErrorCode::not_found, "no such organisation");
  }
  auto record = TRY(terms_for(ex, organisation_id));
  if (record.organisation_id != organisation_id || record.version == 0) {
    record.inherited = true;
    if (record.organisation_id != organisation_id) record.version = 0;
    record.organisation_id = organisation_id;
  }
  return record;
}

}  // namespace fuwu::app
