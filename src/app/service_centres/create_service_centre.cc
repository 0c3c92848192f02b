#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/products/product.h"
#include "app/service_centres/service_centre.h"
#include "app/sites/site.h"

namespace fuwu::app {

Result<ServiceCentre> create_service_centre(store::Executor& ex, const Actor& actor, Instant now,
                                            const NewServiceCentre& in) {
  if (!access::can(actor.principal, "service_centre.write")) {
    return Error(ErrorCode::permission_denied, "you may not change the service network");
  }
  ServiceCentre c;
  c.code = in.code;
  c.name_zh = in.name_zh;
  c.name_en = in.name_en;
  c.address = in.address;
  c.region_code = in.region_code;
  c.latitude = in.latitude;
  c.longitude = in.longitude;
  c.territory = in.territory;
  c.calendar = in.calendar;
  TRY_VOID(validate_service_centre(ex, c));
  const std::string ts = format_rfc3339(now);
  auto ins = ex.query(
      "INSERT INTO service_centres (code, name_zh, name_en, address, region_code, latitude, "
      "longitude, territory, calendar, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
      "$7, $8, $9, $10, $10) RETURNING id",
      {c.code, c.name_zh, c.name_en, c.address, c.region_code, store::opt(c.latitude),
       store::opt(c.longitude), join_list(c.territory), c.calendar, ts});
  if (!ins.ok()) {
    if (ins.error().code == ErrorCode::conflict) return code_taken("service centre");
    return std::move(ins).error();
  }
  const std::int64_t id = ins->at(0).i64(0);
  TRY_VOID(write_audit(ex, actor, now, "service_centre", id, "create",
                       {{"code", std::nullopt, c.code},
                        {"name_zh", std::nullopt, c.name_zh},
                        {"region_code", std::nullopt, c.region_code},
                        {"latitude", std::nullopt, coordinate_text(c.latitude)},
                        {"longitude", std::nullopt, coordinate_text(c.longitude)},
                        {"territory", std::nullopt, join_list(c.territory)},
                        {"calendar", std::nullopt, c.calendar}}));
  TRY_VOID(emit_event(ex, actor, now, "service_centre.created", "service_centre", id));
  auto created = TRY(find_service_centre(ex, id));
  return *created;
}

}  // namespace fuwu::app
