#include "app/organisations/organisation.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, name, kind, COALESCE(code, ''), COALESCE(region_code, ''), notes, version, created_at, "
    "updated_at";

}  // namespace

Organisation organisation_from_row(const store::Row& r) {
  Organisation o;
  o.id = r.i64(0);
  o.name = r.text(1);
  o.kind = r.text(2);
  o.code = r.text(3);
  o.region_code = r.text(4);
  o.notes = r.text(5);
  o.version = r.i64(6);
  o.created_at = parse_rfc3339(r.text(7)).value_or(Instant{});
  o.updated_at = parse_rfc3339(r.text(8)).value_or(Instant{});
  return o;
}

std::string organisation_select() {
  return std::string("SELECT ") + kColumns + " FROM organisations";
}

Result<std::optional<Organisation>> find_organisation(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(organisation_select() + " WHERE id = $1", {id}));
  if (!row) return std::optional<Organisation>();
  return std::optional<Organisation>(organisation_from_row(*row));
}

bool organisation_visible(const Actor& actor, std::string_view permission, std::int64_t org_id) {
  return access::may(actor.principal, permission, {.organisation_id = org_id});
}

Status validate_organisation_fields(const std::optional<std::string>& name,
                                    const std::optional<std::string>& kind) {
  Error e(ErrorCode::validation_failed, "the organisation is not valid");
  if (name && (name->empty() || name->size() > 600)) {
    e.with_field("name", name->empty() ? "required" : "too_long", "1 to 200 characters");
  }
  if (kind && *kind != "own" && *kind != "customer" && *kind != "supplier") {
    e.with_field("kind", "not_allowed", "one of own, customer, supplier");
  }
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
