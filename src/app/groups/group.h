// Groups of people: the service desk, first/second/third line (一线/二线/三线), service centres,
// the CAB. Records are assigned to a group and escalate from line to line. Use cases, one per
// file in this folder, each inside the caller's unit of work.
//
// Visibility: "group.read" with scope all sees every group; organisation sees the groups of the
// principal's organisation; group sees the groups the principal is a member of. A group outside
// the caller's reach is not_found. Changes need "group.write" reaching the group.
//
// Members are users (not contacts). Adding or removing one bumps the group's version and is
// audited on the group; callers clear the credential cache after the commit, since a principal
// carries its groups.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct GroupMember {
  std::int64_t user_id = 0;
  std::string login;
  std::string display_name;
};

struct Group {
  std::int64_t id = 0;
  std::string name;
  int line = 1;                      // 1, 2 or 3
  std::int64_t organisation_id = 0;  // 0: none (our own groups usually have none)
  std::string description;
  std::vector<GroupMember> members;  // ordered by user id
  std::int64_t version = 1;
  Instant created_at;
  Instant updated_at;
};

struct NewGroup {
  std::string name;
  int line = 1;
  std::int64_t organisation_id = 0;
  std::string description;
};

// A partial update: only fields that are set change. organisation_id 0 removes it.
struct GroupPatch {
  std::optional<std::string> name;
  std::optional<int> line;
  std::optional<std::int64_t> organisation_id;
  std::optional<std::string> description;
};

struct GroupPage {
  std::vector<Group> items;  // without members
  std::optional<std::int64_t> next_after_id;
};

// conflict with field "name", "taken" for a name in use.
Result<Group> create_group(store::Executor& ex, const Actor& actor, Instant now,
                           const NewGroup& input);
Result<Group> get_group(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<GroupPage> list_groups(store::Executor& ex, const Actor& actor, std::int64_t after_id,
                              int limit, std::optional<int> line);
Result<Group> update_group(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           std::int64_t expected_version, const GroupPatch& patch);
// Removes the group and its memberships.
Status delete_group(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                    std::int64_t expected_version);
// validation_failed ("user_id": "not_found" / "not_allowed") for an unknown person or a contact;
// conflict when already a member.
Result<Group> add_group_member(store::Executor& ex, const Actor& actor, Instant now,
                               std::int64_t group_id, std::int64_t user_id);
// not_found when the person is not a member.
Result<Group> remove_group_member(store::Executor& ex, const Actor& actor, Instant now,
                                  std::int64_t group_id, std::int64_t user_id);

// Shared by the use cases of this folder.
std::string group_select();                   // "SELECT <columns> FROM groups"
Group group_from_row(const store::Row& row);  // without members
Result<std::optional<Group>> find_group(store::Executor& ex, std::int64_t id);
bool group_visible(const Actor& actor, std::string_view permission, const Group& group);
// The group for a change: not_found when absent or invisible, permission_denied without
// "group.write" reaching it, precondition_failed when expected_version (if given) is stale.
Result<Group> group_for_change(store::Executor& ex, const Actor& actor, std::int64_t id,
                               std::optional<std::int64_t> expected_version);
Status validate_group_fields(const std::optional<std::string>& name, std::optional<int> line);

}  // namespace fuwu::app
