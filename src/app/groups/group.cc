#include "app/groups/group.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, name, line, COALESCE(organisation_id, 0), description, version, created_at, updated_at";

}  // namespace

std::string group_select() {
  return std::string("SELECT ") + kColumns + " FROM groups";
}

Group group_from_row(const store::Row& r) {
  Group g;
  g.id = r.i64(0);
  g.name = r.text(1);
  g.line = static_cast<int>(r.i64(2));
  g.organisation_id = r.i64(3);
  g.description = r.text(4);
  g.version = r.i64(5);
  g.created_at = parse_rfc3339(r.text(6)).value_or(Instant{});
  g.updated_at = parse_rfc3339(r.text(7)).value_or(Instant{});
  return g;
}

Result<std::optional<Group>> find_group(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(group_select() + " WHERE id = $1", {id}));
  if (!row) return std::optional<Group>();
  Group g = group_from_row(*row);
  auto members =
      TRY(ex.query("SELECT u.id, u.login, u.display_name FROM group_members m "
                   "JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 ORDER BY u.id",
                   {id}));
  for (const auto& m : members)
    g.members.push_back({m.i64(0), m.text(1), m.text(2)});
  return std::optional<Group>(std::move(g));
}

bool group_visible(const Actor& actor, std::string_view permission, const Group& group) {
  return access::may(actor.principal, permission,
                     {.organisation_id = group.organisation_id, .group_id = group.id});
}

Result<Group> group_for_change(store::Executor& ex, const Actor& actor, std::int64_t id,
                               std::optional<std::int64_t> expected_version) {
  auto group = TRY(find_group(ex, id));
  if (!group || !group_visible(actor, "group.read", *group)) {
    return Error(ErrorCode::not_found, "no such group");
  }
  if (!group_visible(actor, "group.write", *group)) {
    return Error(ErrorCode::permission_denied, "you may not change this group");
  }
  if (expected_version && group->version != *expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the group was changed by someone else; reload it and try again");
  }
  return *group;
}

Status validate_group_fields(const std::optional<std::string>& name, std::optional<int> line) {
  Error e(ErrorCode::validation_failed, "the group is not valid");
  if (name && (name->empty() || name->size() > 600)) {
    e.with_field("name", name->empty() ? "required" : "too_long", "1 to 200 characters");
  }
  if (line && (*line < 1 || *line > 3)) e.with_field("line", "out_of_range", "1, 2 or 3");
  if (!e.fields.empty()) return e;
  return {};
}

}  // namespace fuwu::app
