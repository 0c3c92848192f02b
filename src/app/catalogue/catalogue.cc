#include "app/catalogue/catalogue.h"

#include <algorithm>

namespace fuwu::app {
namespace {

constexpr const char* kServiceColumns =
    "id, code, name_zh, name_en, description_zh, description_en, category, active, version, "
    "created_at, updated_at";

CatalogueService service_from_row(const store::Row& r) {
  CatalogueService s;
  s.id = r.i64(0);
  s.code = r.text(1);
  s.name_zh = r.text(2);
  s.name_en = r.text(3);
  s.description_zh = r.text(4);
  s.description_en = r.text(5);
  s.category = r.text(6);
  s.active = r.i64(7) != 0;
  s.version = r.i64(8);
  s.created_at = parse_rfc3339(r.text(9)).value_or(Instant{});
  s.updated_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  return s;
}

}  // namespace

void check_catalogue_code(Error& e, const std::optional<std::string>& code) {
  if (!code) return;
  const auto& c = *code;
  const bool ok = !c.empty() && c.size() <= 64 &&
                  ((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= '0' && c[0] <= '9')) &&
                  std::all_of(c.begin(), c.end(), [](char ch) {
                    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                           ch == '-' || ch == '.';
                  });
  if (!ok) {
    e.with_field("/code", "invalid_format",
                 "1 to 64 characters a-z, 0-9, _, - and ., starting with a letter or digit");
  }
}

void check_catalogue_names(Error& e, const std::optional<std::string>& name_zh,
                           const std::optional<std::string>& name_en) {
  if (name_zh && name_zh->empty()) e.with_field("/name_zh", "required", "a name in Chinese");
  if (name_en && name_en->empty()) e.with_field("/name_en", "required", "a name in English");
}

bool may_manage_catalogue(const Actor& actor) {
  return access::can(actor.principal, "catalogue.manage");
}

Error code_taken_or(Error e, std::string_view what) {
  if (e.code != ErrorCode::conflict) return e;
  return Error(ErrorCode::conflict, "a " + std::string(what) + " with this code exists")
      .with_field("/code", "taken", "already used by another " + std::string(what));
}

Status require_catalogue_manager(const Actor& actor) {
  if (!may_manage_catalogue(actor)) {
    return Error(ErrorCode::permission_denied, "you may not change the service catalogue");
  }
  return {};
}

bool may_request(const Actor& actor, const CatalogueItem& item) {
  if (!item.active) return false;
  const auto& p = actor.principal;
  const auto& a = item.audience;
  if (!a.roles.empty() && std::find(a.roles.begin(), a.roles.end(), p.role) == a.roles.end()) {
    return false;
  }
  if (!a.organisation_ids.empty() && std::find(a.organisation_ids.begin(), a.organisation_ids.end(),
                                               p.organisation_id) == a.organisation_ids.end()) {
    return false;
  }
  return true;
}

Result<std::optional<CatalogueService>> find_service(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kServiceColumns + " FROM catalogue_services WHERE id = $1", {id}));
  if (!row) return std::optional<CatalogueService>();
  return std::optional<CatalogueService>(service_from_row(*row));
}

Result<std::vector<CatalogueService>> list_services(store::Executor& ex, const Actor& actor) {
  const bool manager = may_manage_catalogue(actor);
  auto rows = TRY(ex.query(std::string("SELECT ") + kServiceColumns + " FROM catalogue_services" +
                           (manager ? "" : " WHERE active = 1") + " ORDER BY category, code"));
  std::vector<CatalogueService> out;
  for (const auto& r : rows)
    out.push_back(service_from_row(r));
  return out;
}

Result<CatalogueService> get_service(store::Executor& ex, const Actor& actor, std::int64_t id) {
  auto s = TRY(find_service(ex, id));
  if (!s || (!s->active && !may_manage_catalogue(actor))) {
    return Error(ErrorCode::not_found, "no such service");
  }
  return *s;
}

Result<std::optional<CatalogueItem>> find_item(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(
      "SELECT i.id, i.service_id, s.code, i.code, i.name_zh, i.name_en, i.description_zh, "
      "i.description_en, i.category, i.audience, i.default_group_id, i.impact, i.urgency, "
      "i.approvals, i.form_version, i.active, i.version, i.created_at, i.updated_at "
      "FROM catalogue_items i JOIN catalogue_services s ON s.id = i.service_id WHERE i.id = $1",
      {id}));
  if (!row) return std::optional<CatalogueItem>();
  const auto& r = *row;
  CatalogueItem it;
  it.id = r.i64(0);
  it.service_id = r.i64(1);
  it.service_code = r.text(2);
  it.code = r.text(3);
  it.name_zh = r.text(4);
  it.name_en = r.text(5);
  it.description_zh = r.text(6);
  it.description_en = r.text(7);
  it.category = r.text(8);
  it.audience = parse_audience(r.text(9));
  it.default_group_id = r.i64(10);
  it.impact = static_cast<int>(r.i64(11));
  it.urgency = static_cast<int>(r.i64(12));
  it.approvals = TRY(parse_stages(r.text(13), "/approvals"));
  it.form_version = static_cast<int>(r.i64(14));
  it.active = r.i64(15) != 0;
  it.version = r.i64(16);
  it.created_at = parse_rfc3339(r.text(17)).value_or(Instant{});
  it.updated_at = parse_rfc3339(r.text(18)).value_or(Instant{});
  const std::string form = TRY(load_form_json(ex, it.id, it.form_version));
  it.form = TRY(parse_form_schema(form, "/form_schema"));
  return std::optional<CatalogueItem>(std::move(it));
}

Result<std::string> load_form_json(store::Executor& ex, std::int64_t item_id, int form_version) {
  auto row = TRY(ex.query_one(
      "SELECT form_schema FROM catalogue_forms WHERE item_id = $1 AND form_version = $2",
      {item_id, std::int64_t{form_version}}));
  if (!row) return Error(ErrorCode::not_found, "no such form version");
  return row->text(0);
}

}  // namespace fuwu::app

namespace fuwu::app {

Status check_item(store::Executor& ex, const CatalogueItem& item, Error& e) {
  auto exists = [&ex](std::string_view sql, store::Value v) -> Result<bool> {
    auto row = TRY(ex.query_one(std::string(sql), {std::move(v)}));
    return row.has_value();
  };
  if (!TRY(exists("SELECT 1 FROM catalogue_services WHERE id = $1", item.service_id))) {
    e.with_field("/service_id", "not_found", "no such service");
  }
  if (item.default_group_id != 0 &&
      !TRY(exists("SELECT 1 FROM groups WHERE id = $1", item.default_group_id))) {
    e.with_field("/default_group_id", "not_found", "no such group");
  }
  if (item.impact < 1 || item.impact > 5) e.with_field("/impact", "out_of_range", "1 to 5");
  if (item.urgency < 1 || item.urgency > 5) e.with_field("/urgency", "out_of_range", "1 to 5");
  for (std::size_t i = 0; i < item.audience.roles.size(); ++i) {
    if (!TRY(exists("SELECT 1 FROM roles WHERE name = $1", item.audience.roles[i]))) {
      e.with_field("/audience/roles/" + std::to_string(i), "not_found", "no such role");
    }
  }
  for (std::size_t i = 0; i < item.audience.organisation_ids.size(); ++i) {
    if (!TRY(exists("SELECT 1 FROM organisations WHERE id = $1",
                    item.audience.organisation_ids[i]))) {
      e.with_field("/audience/organisation_ids/" + std::to_string(i), "not_found",
                   "no such organisation");
    }
  }
  for (std::size_t i = 0; i < item.approvals.size(); ++i) {
    const auto& stage = item.approvals[i];
    for (std::size_t k = 0; k < stage.approvers.size(); ++k) {
      const auto& a = stage.approvers[k];
      const std::string at = "/approvals/" + std::to_string(i) + "/approvers/" + std::to_string(k);
      if (a.kind == catalogue::ApproverSpec::Kind::role &&
          !TRY(exists("SELECT 1 FROM roles WHERE name = $1", a.role))) {
        e.with_field(at + "/role", "not_found", "no such role");
      }
      if (a.kind == catalogue::ApproverSpec::Kind::user &&
          !TRY(exists("SELECT 1 FROM users WHERE id = $1 AND disabled = 0", a.user_id))) {
        e.with_field(at + "/user_id", "not_found", "no such active user");
      }
    }
  }
  return {};
}

}  // namespace fuwu::app

namespace fuwu::app {

void patch_entry(CatalogueEntry& entry, const EntryInput& patch) {
  entry.code = patch.code.value_or(entry.code);
  entry.name_zh = patch.name_zh.value_or(entry.name_zh);
  entry.name_en = patch.name_en.value_or(entry.name_en);
  entry.description_zh = patch.description_zh.value_or(entry.description_zh);
  entry.description_en = patch.description_en.value_or(entry.description_en);
  entry.category = patch.category.value_or(entry.category);
  entry.active = patch.active.value_or(entry.active);
}

void add_entry_changes(ChangeSet& changes, const CatalogueEntry& before,
                       const CatalogueEntry& after) {
  changes.add("code", before.code, after.code);
  changes.add("name_zh", before.name_zh, after.name_zh);
  changes.add("name_en", before.name_en, after.name_en);
  changes.add("description_zh", before.description_zh, after.description_zh);
  changes.add("description_en", before.description_en, after.description_en);
  changes.add("category", before.category, after.category);
  changes.add("active", before.active ? "true" : "false", after.active ? "true" : "false");
}

}  // namespace fuwu::app
