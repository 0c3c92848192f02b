#include "app/units/unit.h"

#include <algorithm>

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, serial, model_id, organisation_id, site_id, production_date, sale_date, delivery_date, "
    "installation_date, warranty_card_no, feedback_card_on, notes, version, created_at, "
    "updated_at";

std::optional<Date> date_column(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return parse_date(r.text(i));
}

Result<std::optional<Unit>> unit_where(store::Executor& ex, const std::string& where,
                                       store::Value key) {
  auto row = TRY(ex.query(std::string("SELECT ") + kColumns + " FROM units WHERE " + where,
                          std::span<const store::Value>(&key, 1)));
  if (row.empty()) return std::optional<Unit>();
  const auto& r = row.front();
  Unit u;
  u.id = r.i64(0);
  u.serial = r.text(1);
  u.model_id = r.i64(2);
  u.organisation_id = r.i64(3);
  u.site_id = r.i64(4);
  u.dates.production = date_column(r, 5);
  u.dates.sale = date_column(r, 6);
  u.dates.delivery = date_column(r, 7);
  u.dates.installation = date_column(r, 8);
  u.warranty_card_no = r.text(9);
  u.feedback_card_on = date_column(r, 10);
  u.notes = r.text(11);
  u.version = r.i64(12);
  u.created_at = parse_rfc3339(r.text(13)).value_or(Instant{});
  u.updated_at = parse_rfc3339(r.text(14)).value_or(Instant{});
  auto ext = TRY(
      ex.query("SELECT id, contract, part_code, ends_on, created_at FROM unit_warranty_extensions "
               "WHERE unit_id = $1 ORDER BY id",
               {u.id}));
  for (const auto& e : ext) {
    u.extensions.push_back({e.i64(0), e.text(1), e.text(2), parse_date(e.text(3)).value_or(Date{}),
                            parse_rfc3339(e.text(4)).value_or(Instant{})});
  }
  return std::optional<Unit>(std::move(u));
}

}  // namespace

Result<std::optional<Unit>> find_unit(store::Executor& ex, std::int64_t id) {
  return unit_where(ex, "id = $1", id);
}

Result<std::optional<Unit>> find_unit_by_serial(store::Executor& ex, std::string_view serial) {
  return unit_where(ex, "serial = $1", std::string(serial));
}

bool unit_visible(const Actor& actor, std::string_view permission, std::int64_t organisation_id) {
  return access::may(actor.principal, permission, {.organisation_id = organisation_id});
}

bool valid_serial(std::string_view s) {
  if (s.empty() || s.size() > 60) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/';
  });
}

std::optional<std::string> date_text(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return format_date(*d);
}

Status validate_unit(store::Executor& ex, const NewUnit& u) {
  Error e(ErrorCode::validation_failed, "the unit is not valid");
  if (!valid_serial(u.serial)) {
    e.with_field("serial", "invalid_format", "1 to 60 letters, digits, '-', '_', '.' or '/'");
  }
  auto model = TRY(ex.query_one("SELECT id FROM product_models WHERE id = $1", {u.model_id}));
  if (!model) e.with_field("model_id", "not_found", "no such product model");
  auto org = TRY(ex.query_one("SELECT kind FROM organisations WHERE id = $1", {u.organisation_id}));
  if (!org) e.with_field("organisation_id", "not_found", "no such organisation");
  if (u.site_id) {
    auto site = TRY(ex.query_one("SELECT organisation_id FROM sites WHERE id = $1", {u.site_id}));
    if (!site || site->i64(0) != u.organisation_id) {
      e.with_field("site_id", "not_found", "no such site of the unit's organisation");
    }
  }
  const auto& d = u.dates;
  const std::pair<const char*, const std::optional<Date>*> after_production[] = {
      {"sale_date", &d.sale},
      {"delivery_date", &d.delivery},
      {"installation_date", &d.installation}};
  for (const auto& [field, date] : after_production) {
    if (d.production && *date && **date < *d.production) {
      e.with_field(field, "out_of_range", "not before the production date");
    }
  }
  if (d.delivery && d.installation && *d.installation < *d.delivery) {
    e.with_field("installation_date", "out_of_range", "not before the delivery date");
  }
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
