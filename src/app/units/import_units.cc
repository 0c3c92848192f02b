#include "app/units/unit.h"

#include <set>

namespace fuwu::app {

Result<std::vector<Unit>> import_units(store::Executor& ex, const Actor& actor, Instant now,
                                       const std::vector<NewUnit>& inputs) {
  if (inputs.empty() || inputs.size() > 1000) {
    return Error(ErrorCode::validation_failed, "an import has 1 to 1000 units")
        .with_field("units", inputs.empty() ? "required" : "too_long", "1 to 1000 units");
  }
  // Every unit is checked before anything is written, so that one answer lists every problem
  // (and no failed statement aborts the transaction, which PostgreSQL would not continue).
  Error all(ErrorCode::validation_failed, "some units are not valid; none was registered");
  std::set<std::string> serials;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    const std::string at = "units/" + std::to_string(i) + "/";
    if (!unit_visible(actor, "unit.write", in.organisation_id)) {
      return Error(ErrorCode::permission_denied, "you may not register units for organisation " +
                                                     std::to_string(in.organisation_id));
    }
    auto valid = validate_unit(ex, in);
    if (!valid.ok()) {
      for (const auto& f : valid.error().fields)
        all.with_field(at + f.field, f.code, f.message);
    }
    const bool repeated = !serials.insert(in.serial).second;
    auto existing = TRY(find_unit_by_serial(ex, in.serial));
    if (repeated || existing) {
      all.code = ErrorCode::conflict;
      all.with_field(at + "serial", "taken",
                     repeated ? "repeated in this import" : "a registered unit has this serial");
    }
  }
  if (!all.fields.empty()) return all;
  std::vector<Unit> out;
  for (const auto& in : inputs)
    out.push_back(TRY(create_unit(ex, actor, now, in)));
  return out;
}

}  // namespace fuwu::app
