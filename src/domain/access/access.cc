#include "domain/access/access.h"

#include <algorithm>

namespace fuwu::access {

std::string_view scope_name(Scope s) {
  switch (s) {
    case Scope::own:
      return "own";
    case Scope::group:
      return "group";
    case Scope::organisation:
      return "organisation";
    case Scope::all:
      return "all";
  }
  return "own";
}

std::optional<Scope> parse_scope(std::string_view s) {
  if (s == "own") return Scope::own;
  if (s == "group") return Scope::group;
  if (s == "organisation") return Scope::organisation;
  if (s == "all") return Scope::all;
  return std::nullopt;
}

Principal Principal::system() {
  Principal p;
  p.login = "system";
  p.role = "system";
  p.grants.push_back({"*", Scope::all});
  return p;
}

namespace {

bool token_allows(const Principal& p, std::string_view permission) {
  if (p.token_scopes.empty()) return true;
  return std::any_of(p.token_scopes.begin(), p.token_scopes.end(), [&](const std::string& s) {
    if (s == "*" || s == permission) return true;
    // "organisation.*" covers "organisation.read" and "organisation.write".
    if (s.size() > 2 && s.ends_with(".*")) {
      return permission.starts_with(std::string_view(s).substr(0, s.size() - 1));
    }
    return false;
  });
}

}  // namespace

std::optional<Scope> scope_for(const Principal& p, std::string_view permission) {
  if (!token_allows(p, permission)) return std::nullopt;
  std::optional<Scope> best;
  for (const auto& g : p.grants) {
    if (g.permission == "*" || g.permission == permission) {
      if (!best || g.scope > *best) best = g.scope;
    }
  }
  return best;
}

bool reaches(const Principal& p, Scope scope, const RecordOwnership& r) {
  switch (scope) {
    case Scope::all:
      return true;
    case Scope::organisation:
      if (p.organisation_id != 0 && r.organisation_id == p.organisation_id) return true;
      [[fallthrough]];
    case Scope::group:
      if (r.group_id != 0 &&
          std::find(p.group_ids.begin(), p.group_ids.end(), r.group_id) != p.group_ids.end()) {
        // A customer's organisation scope does not include groups; group scope does.
        if (scope == Scope::group) return true;
      }
      [[fallthrough]];
    case Scope::own:
      return p.user_id != 0 && r.owner_user_id == p.user_id;
  }
  return false;
}

bool may(const Principal& p, std::string_view permission, const RecordOwnership& record) {
  auto scope = scope_for(p, permission);
  return scope && reaches(p, *scope, record);
}

}  // namespace fuwu::access
