#include "app/parts_planning/planning.h"

namespace fuwu::app {

Result<SupplierClaim> get_supplier_claim(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "part.read")) {
    return Error(ErrorCode::permission_denied, "you may not read parts");
  }
  auto claim = TRY(find_supplier_claim(ex, id));
  if (!claim) return Error(ErrorCode::not_found, "no such supplier claim");
  return *claim;
}

Result<std::vector<SupplierClaim>> list_supplier_claims(store::Executor& ex, const Actor& actor) {
  if (!access::can(actor.principal, "part.read")) {
    return Error(ErrorCode::permission_denied, "you may not read parts");
  }
  std::vector<SupplierClaim> out;
  for (const auto& r : TRY(ex.query("SELECT id FROM supplier_claims ORDER BY id DESC LIMIT 200"))) {
    auto claim = TRY(find_supplier_claim(ex, r.i64(0)));
    if (claim) out.push_back(std::move(*claim));
  }
  return out;
}

}  // namespace fuwu::app
