// Roles: named sets of grants (a permission with a scope). Built-in roles (admin, agent,
// customer, supplier) ship with Fuwu; administrators add custom ones. Use cases, one per file in
// this folder, each inside the caller's unit of work.
//
// Reading needs "role.read"; changing needs "role.write" with scope all, and nobody writes a
// grant wider than they hold themselves (permission_denied). Built-in roles cannot be deleted,
// and the admin role's grants cannot change, so the administrators can never be locked out
// (conflict). A role that people still have cannot be deleted (conflict). Callers clear the
// credential cache after a change, since principals carry their role's grants.
//
// Rules (validation_failed with field errors): name 2–32 characters [a-z0-9_] starting with a
// letter, unique (conflict "name" "taken"); labels 1–100 characters; each grant's permission is
// "*" or "area.action" in lower case ("grants/<i>/permission", "invalid_format"); its scope is
// own, group, organisation or all ("grants/<i>/scope", "not_allowed"); a permission at most once
// ("grants/<i>/permission", "duplicate").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

// A grant as written by a client: the scope is still text, so an unknown one can be reported.
struct GrantInput {
  std::string permission;
  std::string scope;
};

struct Role {
  std::int64_t id = 0;
  std::string name;
  std::string label_zh;
  std::string label_en;
  bool builtin = false;
  std::vector<access::Grant> grants;  // ordered by permission
  std::int64_t version = 1;
};

struct NewRole {
  std::string name;
  std::string label_zh;
  std::string label_en;
  std::vector<GrantInput> grants;
};

// A partial update: only fields that are set change; grants replace every grant.
struct RolePatch {
  std::optional<std::string> label_zh;
  std::optional<std::string> label_en;
  std::optional<std::vector<GrantInput>> grants;
};

Result<std::vector<Role>> list_roles(store::Executor& ex, const Actor& actor);
Result<Role> get_role(store::Executor& ex, const Actor& actor, std::string_view name);
Result<Role> create_role(store::Executor& ex, const Actor& actor, Instant now,
                         const NewRole& input);
Result<Role> update_role(store::Executor& ex, const Actor& actor, Instant now,
                         std::string_view name, std::int64_t expected_version,
                         const RolePatch& patch);
Status delete_role(store::Executor& ex, const Actor& actor, Instant now, std::string_view name,
                   std::int64_t expected_version);

// Shared by the use cases of this folder and the user use cases.
Result<std::optional<Role>> find_role(store::Executor& ex, std::string_view name);
// permission_denied unless the actor holds every grant (same permission, or "*" for "*", with
// a scope at least as wide).
Status grants_within_actor(const Actor& actor, const std::vector<access::Grant>& grants);
// Checks the grants' rules (see above) and returns them parsed.
Result<std::vector<access::Grant>> parse_grants(const std::vector<GrantInput>& grants);
// "permission:scope" pairs joined by spaces, for the audit journal.
std::string grants_text(const std::vector<access::Grant>& grants);
// Replaces the role's grants.
Status write_grants(store::Executor& ex, std::string_view role,
                    const std::vector<access::Grant>& grants);

}  // namespace fuwu::app
