#include "app/organisations/organisation.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"

namespace fuwu::app {

Result<Organisation> create_organisation(store::Executor& ex, const Actor& actor, Instant now,
                                         const NewOrganisation& in) {
  if (access::scope_for(actor.principal, "organisation.write") != access::Scope::all) {
    return Error(ErrorCode::permission_denied, "you may not create organisations");
  }
  TRY_VOID(validate_organisation_fields(in.name, in.kind));
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO organisations (name, kind, code, region_code, notes, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
      {in.name, in.kind, store::null_if_empty(in.code), store::null_if_empty(in.region_code),
       in.notes, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "an organisation with this name exists")
          .with_field("name", "taken", "already used by another organisation");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  auto org = TRY(find_organisation(ex, id));
  TRY_VOID(
      write_audit(ex, actor, now, "organisation", id, "create",
                  {{"name", std::nullopt, in.name},
                   {"kind", std::nullopt, in.kind},
                   {"code", std::nullopt, in.code.empty() ? std::nullopt : std::optional(in.code)},
                   {"region_code", std::nullopt,
                    in.region_code.empty() ? std::nullopt : std::optional(in.region_code)}}));
  TRY_VOID(emit_event(ex, actor, now, "organisation.created", "organisation", id));
  return *org;
}

}  // namespace fuwu::app
