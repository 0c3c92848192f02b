#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<ResponseTermsRecord> set_response_terms(store::Executor& ex, const Actor& actor, Instant now,
                                               std::int64_t organisation_id,
                                               std::int64_t expected_version,
                                               const std::string& contract,
                                               const aftersales::ResponseTerms& terms) {
  if (!access::can(actor.principal, "response_terms.write")) {
    return Error(ErrorCode::permission_denied, "you may not change response terms");
  }
  if (organisation_id != 0) {
    auto org = TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {organisation_id}));
    if (!org) return Error(ErrorCode::not_found, "no such organisation");
  }
  TRY_VOID(aftersales::validate(terms));
  auto current = TRY(
      ex.query_one("SELECT version, contract, terms FROM response_terms WHERE organisation_id = $1",
                   {organisation_id}));
  const std::int64_t version = current ? current->i64(0) : 0;
  if (version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the terms were changed by someone else; reload them and try again");
  }
  const std::string text = response_terms_text(terms);
  const std::string ts = format_rfc3339(now);
  if (current) {
    TRY_VOID(
        ex.exec("UPDATE response_terms SET contract = $2, terms = $3, version = version + 1, "
                "updated_at = $4 WHERE organisation_id = $1",
                {organisation_id, contract, text, ts}));
  } else {
    TRY_VOID(ex.exec(
        "INSERT INTO response_terms (organisation_id, contract, terms, version, updated_at) "
        "VALUES ($1, $2, $3, 1, $4)",
        {organisation_id, contract, text, ts}));
  }
  ChangeSet changes;
  changes.add("contract", current ? std::optional(current->text(1)) : std::nullopt, contract);
  changes.add("terms", current ? std::optional(current->text(2)) : std::nullopt, text);
  TRY_VOID(
      write_audit(ex, actor, now, "response_terms", organisation_id, "set", changes.changes()));
  TRY_VOID(emit_event(ex, actor, now, "response_terms.updated", "response_terms", organisation_id));
  return terms_for(ex, organisation_id);
}

}  // namespace fuwu::app
