// Sold units (售出设备): a serial number of a product model at a customer organisation's site,
// with its production, sale, delivery and installation dates, the warranty card registered at
// delivery (三包凭证, seed 004 §5.1.2) and extended warranties from contracts. Use cases, one per
// file in this folder, each inside the caller's unit of work.
//
// Access follows the unit's organisation: "unit.read" whose scope reaches it (agents: all;
// customers: their own organisation's units); a unit out of reach is not_found. Changes need
// "unit.write" reaching the organisation.
//
// Rules (validation_failed with field errors): serial 1–60 characters of letters, digits and
// "-_./", unique (conflict, "serial" "taken"); the model and organisation exist (not_found
// fields otherwise); the site belongs to the organisation; no date before the production date;
// installation not before delivery.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "app/products/product.h"
#include "domain/aftersales/warranty.h"

namespace fuwu::app {

struct WarrantyExtension {
  std::int64_t id = 0;
  std::string contract;
  std::string part_code;  // "" for the whole unit
  Date ends_on;
  Instant created_at;
};

struct Unit {
  std::int64_t id = 0;
  std::string serial;
  std::int64_t model_id = 0;
  std::int64_t organisation_id = 0;
  std::int64_t site_id = 0;  // 0: none
  aftersales::UnitDates dates;
  std::string warranty_card_no;
  std::optional<Date> feedback_card_on;
  std::string notes;
  std::vector<WarrantyExtension> extensions;
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewUnit {
  std::string serial;
  std::int64_t model_id = 0;
  std::int64_t organisation_id = 0;
  std::int64_t site_id = 0;
  aftersales::UnitDates dates;
  std::string warranty_card_no;
  std::optional<Date> feedback_card_on;
  std::string notes;
};

// Only fields that are set change; a set optional<optional<Date>> holding nullopt clears it.
struct UnitPatch {
  std::optional<std::string> serial;
  std::optional<std::int64_t> model_id;
  std::optional<std::int64_t> site_id;  // 0 clears
  std::optional<std::optional<Date>> production;
  std::optional<std::optional<Date>> sale;
  std::optional<std::optional<Date>> delivery;
  std::optional<std::optional<Date>> installation;
  std::optional<std::string> warranty_card_no;
  std::optional<std::optional<Date>> feedback_card_on;
  std::optional<std::string> notes;
};

struct NewExtension {
  std::string contract;
  std::string part_code;
  Date ends_on;
};

struct UnitFilter {
  std::optional<std::string> serial;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::int64_t> model_id;
  std::optional<std::int64_t> site_id;
};

struct UnitPage {
  std::vector<Unit> items;
  std::optional<std::int64_t> next_after_id;
};

// The warranty of a unit on a date: the whole unit and each major part of its model.
struct UnitWarranty {
  Unit unit;
  ProductModel model;
  Date on;
  aftersales::WarrantyStatus whole;
  std::vector<aftersales::WarrantyStatus> parts;  // one per major part, or the part asked for
};

Result<Unit> create_unit(store::Executor& ex, const Actor& actor, Instant now,
                         const NewUnit& input);
// Registers many units at once (bulk import): all or nothing. Field errors are prefixed with
// "units/<index>/".
Result<std::vector<Unit>> import_units(store::Executor& ex, const Actor& actor, Instant now,
                                       const std::vector<NewUnit>& inputs);
Result<Unit> get_unit(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<UnitPage> list_units(store::Executor& ex, const Actor& actor, const UnitFilter& filter,
                            std::int64_t after_id, int limit);
Result<Unit> update_unit(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                         std::int64_t expected_version, const UnitPatch& patch);
Result<Unit> add_warranty_extension(store::Executor& ex, const Actor& actor, Instant now,
                                    std::int64_t unit_id, std::int64_t expected_version,
                                    const NewExtension& input);
// part_code empty: the unit and every major part; else that part only (not_found if the model
// has no such part).
Result<UnitWarranty> unit_warranty(store::Executor& ex, const Actor& actor, std::int64_t unit_id,
                                   std::string_view part_code, Date on);
// The same for a unit already loaded and visible (work orders check warranty on creation).
Result<UnitWarranty> warranty_of(store::Executor& ex, const Unit& unit, std::string_view part_code,
                                 Date on);

// Shared by the use cases of this folder.
Result<std::optional<Unit>> find_unit(store::Executor& ex, std::int64_t id);
Result<std::optional<Unit>> find_unit_by_serial(store::Executor& ex, std::string_view serial);
bool unit_visible(const Actor& actor, std::string_view permission, std::int64_t organisation_id);
bool valid_serial(std::string_view serial);
// Checks a unit's values as they will be stored: field errors, and not_found-coded fields for
// references that do not exist.
Status validate_unit(store::Executor& ex, const NewUnit& u);
std::optional<std::string> date_text(const std::optional<Date>& d);

}  // namespace fuwu::app
