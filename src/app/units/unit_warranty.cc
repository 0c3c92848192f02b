#include "app/units/unit.h"

namespace fuwu::app {

Result<UnitWarranty> warranty_of(store::Executor& ex, const Unit& unit, std::string_view part_code,
                                 Date on) {
  auto model = TRY(find_product_model(ex, unit.model_id));
  if (!model) return Error(ErrorCode::internal, "the unit's model is missing");
  const aftersales::WarrantyTerms terms{model->warranty_start, model->warranty_months};
  std::vector<aftersales::PartTerm> parts;
  for (const auto& p : model->parts)
    parts.push_back({p.code, p.warranty_months});
  std::vector<aftersales::Extension> extensions;
  for (const auto& e : unit.extensions)
    extensions.push_back({e.contract, e.part_code, e.ends_on});

  UnitWarranty w{unit, *model, on, {}, {}};
  w.whole = TRY(aftersales::warranty_status(unit.dates, terms, parts, extensions, "", on));
  for (const auto& p : parts) {
    if (!part_code.empty() && p.code != part_code) continue;
    w.parts.push_back(
        TRY(aftersales::warranty_status(unit.dates, terms, parts, extensions, p.code, on)));
  }
  if (!part_code.empty() && w.parts.empty()) {
    return Error(ErrorCode::not_found, "the unit's model has no major part with this code")
        .with_field("part", "not_found", "a part code of the unit's model");
  }
  return w;
}

Result<UnitWarranty> unit_warranty(store::Executor& ex, const Actor& actor, std::int64_t unit_id,
                                   std::string_view part_code, Date on) {
  const auto unit = TRY(get_unit(ex, actor, unit_id));
  return warranty_of(ex, unit, part_code, on);
}

}  // namespace fuwu::app
