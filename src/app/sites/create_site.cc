#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/sites/site.h"

namespace fuwu::app {

Result<Site> create_site(store::Executor& ex, const Actor& actor, Instant now,
                         std::int64_t organisation_id, const NewSite& in) {
  auto org = TRY(ex.query_one("SELECT id FROM organisations WHERE id = $1", {organisation_id}));
  if (!org || !site_visible(actor, "site.read", organisation_id)) {
    return Error(ErrorCode::not_found, "no such organisation");
  }
  if (!site_visible(actor, "site.write", organisation_id)) {
    return Error(ErrorCode::permission_denied, "you may not add sites to this organisation");
  }
  TRY_VOID(validate_site(in.name, in.region_code, in.latitude, in.longitude));
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO sites (organisation_id, name, address, region_code, latitude, longitude, "
      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
      {organisation_id, in.name, in.address, store::null_if_empty(in.region_code),
       store::opt(in.latitude), store::opt(in.longitude), ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) {
      return Error(ErrorCode::conflict, "the organisation has a site with this name")
          .with_field("name", "taken", "already used by another site of this organisation");
    }
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  auto site = TRY(find_site(ex, id));
  auto text = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional(v); };
  TRY_VOID(write_audit(ex, actor, now, "site", id, "create",
                       {{"organisation_id", std::nullopt, std::to_string(organisation_id)},
                        {"name", std::nullopt, in.name},
                        {"address", std::nullopt, text(in.address)},
                        {"region_code", std::nullopt, text(in.region_code)},
                        {"latitude", std::nullopt, coordinate_text(site->latitude)},
                        {"longitude", std::nullopt, coordinate_text(site->longitude)}}));
  TRY_VOID(emit_event(ex, actor, now, "site.created", "site", id));
  return *site;
}

}  // namespace fuwu::app
