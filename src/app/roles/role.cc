#include "app/roles/role.h"

#include <algorithm>

namespace fuwu::app {
namespace {

bool valid_permission(std::string_view p) {
  if (p == "*") return true;
  const auto dot = p.find('.');
  if (dot == std::string_view::npos || p.size() > 100) return false;
  auto word = [](std::string_view w) {
    return !w.empty() && w.front() >= 'a' && w.front() <= 'z' &&
           std::all_of(w.begin(), w.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  };
  return word(p.substr(0, dot)) && word(p.substr(dot + 1));
}

}  // namespace

Result<std::optional<Role>> find_role(store::Executor& ex, std::string_view name) {
  auto row = TRY(ex.query_one(
      "SELECT id, name, label_zh, label_en, builtin, version FROM roles WHERE name = $1",
      {std::string(name)}));
  if (!row) return std::optional<Role>();
  Role r;
  r.id = row->i64(0);
  r.name = row->text(1);
  r.label_zh = row->text(2);
  r.label_en = row->text(3);
  r.builtin = row->i64(4) != 0;
  r.version = row->i64(5);
  auto grants = TRY(ex.query(
      "SELECT permission, scope FROM role_grants WHERE role = $1 ORDER BY permission", {r.name}));
  for (const auto& g : grants) {
    r.grants.push_back({g.text(0), access::parse_scope(g.text(1)).value_or(access::Scope::own)});
  }
  return std::optional<Role>(std::move(r));
}

Status grants_within_actor(const Actor& actor, const std::vector<access::Grant>& grants) {
  for (const auto& g : grants) {
    // For "*" this finds only grants of "*" itself: nobody hands out what they do not hold.
    const auto held = access::scope_for(actor.principal, g.permission);
    if (!held || *held < g.scope) {
      return Error(ErrorCode::permission_denied,
                   "you may not hand out " + g.permission + " with scope " +
                       std::string(access::scope_name(g.scope)) + ": you do not hold it");
    }
  }
  return {};
}

Result<std::vector<access::Grant>> parse_grants(const std::vector<GrantInput>& grants) {
  Error e(ErrorCode::validation_failed, "the grants are not valid");
  std::vector<access::Grant> out;
  for (std::size_t i = 0; i < grants.size(); ++i) {
    const std::string at = "grants/" + std::to_string(i) + "/";
    const auto& g = grants[i];
    if (!valid_permission(g.permission)) {
      e.with_field(at + "permission", "invalid_format",
                   "* or area.action in lower case, e.g. ticket.read");
    } else if (std::any_of(out.begin(), out.end(),
                           [&](const access::Grant& o) { return o.permission == g.permission; })) {
      e.with_field(at + "permission", "duplicate", "each permission at most once");
    }
    const auto scope = access::parse_scope(g.scope);
    if (!scope) e.with_field(at + "scope", "not_allowed", "one of own, group, organisation, all");
    out.push_back({g.permission, scope.value_or(access::Scope::own)});
  }
  if (!e.fields.empty()) return e;
  std::sort(out.begin(), out.end(), [](const access::Grant& a, const access::Grant& b) {
    return a.permission < b.permission;
  });
  return out;
}

std::string grants_text(const std::vector<access::Grant>& grants) {
  std::string out;
  for (const auto& g : grants) {
    if (!out.empty()) out += ' ';
    out += g.permission + ":" + std::string(access::scope_name(g.scope));
  }
  return out;
}

Status write_grants(store::Executor& ex, std::string_view role,
                    const std::vector<access::Grant>& grants) {
  TRY_VOID(ex.exec("DELETE FROM role_grants WHERE role = $1", {std::string(role)}));
  for (const auto& g : grants) {
    TRY_VOID(ex.exec("INSERT INTO role_grants (role, permission, scope) VALUES ($1, $2, $3)",
                     {std::string(role), g.permission, std::string(access::scope_name(g.scope))}));
  }
  return {};
}

}  // namespace fuwu::app
