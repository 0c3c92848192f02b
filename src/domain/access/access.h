// Access rules: who may do what to which records. Pure values and functions.
//
// A role grants permissions ("organisation.read", "ticket.write" ... or "*" for every permission),
// each with a scope that limits which records it reaches:
//   own           records the principal owns or requested
//   group         records of the principal's groups (plus own)
//   organisation  records of the principal's organisation (plus own)
//   all           every record
// Every route names the permission it needs; a principal without it is denied (default deny).
// A record outside the scope is reported as not found, never as forbidden, so its existence leaks
// nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuwu::access {

enum class Scope { own = 0, group = 1, organisation = 2, all = 3 };

std::string_view scope_name(Scope s);
std::optional<Scope> parse_scope(std::string_view s);

struct Grant {
  std::string permission;  // "organisation.read", or "*"
  Scope scope = Scope::own;
};

// Who is acting. Built by the HTTP layer from a session or token, by the CLI as "system".
struct Principal {
  std::int64_t user_id = 0;  // 0 for the system itself
  std::string login;
  std::string role;
  std::int64_t organisation_id = 0;  // 0 when the user belongs to no organisation
  std::vector<std::int64_t> group_ids;
  std::vector<Grant> grants;
  // A token may narrow the role's permissions to these ("*" = all the role has).
  std::vector<std::string> token_scopes;

  static Principal system();
  bool is_system() const { return user_id == 0 && role == "system"; }
};

// The widest scope the principal has for `permission`, or nullopt when it lacks it.
std::optional<Scope> scope_for(const Principal& p, std::string_view permission);
inline bool can(const Principal& p, std::string_view permission) {
  return scope_for(p, permission).has_value();
}

// What a record offers to the scope check.
struct RecordOwnership {
  std::int64_t organisation_id = 0;
  std::int64_t owner_user_id = 0;  // requester, or the user record itself
  std::int64_t group_id = 0;       // assigned group
};

// True when `scope` of principal `p` reaches a record with this ownership.
bool reaches(const Principal& p, Scope scope, const RecordOwnership& record);

// True when the principal may use `permission` on this record (has it, and its scope reaches).
bool may(const Principal& p, std::string_view permission, const RecordOwnership& record);

}  // namespace fuwu::access
