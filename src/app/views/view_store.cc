#include <algorithm>

#include "app/tickets/ticket_scope.h"
#include "app/views/views.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, name, COALESCE(owner_id, 0), shared, kind, state, state_category, priority, group_id, "
    "assignee_id, organisation_id, requester_id, sort, version, created_at, updated_at";

}  // namespace

bool valid_view_sort(std::string_view sort) {
  return sort == "newest" || sort == "sla_due" || sort == "updated";
}

std::map<std::string, std::string> view_fields(const SavedView& v) {
  std::map<std::string, std::string> out = {
      {"name", v.name}, {"shared", v.shared ? "true" : "false"}, {"sort", v.sort}};
  const auto& f = v.filter;
  if (f.kind) out["kind"] = *f.kind;
  if (f.state) out["state"] = *f.state;
  if (f.state_category) out["state_category"] = *f.state_category;
  if (f.priority) out["priority"] = std::to_string(*f.priority);
  if (f.group_id) out["group_id"] = std::to_string(*f.group_id);
  if (f.assignee_id) out["assignee_id"] = std::to_string(*f.assignee_id);
  if (f.organisation_id) out["organisation_id"] = std::to_string(*f.organisation_id);
  if (f.requester_id) out["requester_id"] = std::to_string(*f.requester_id);
  return out;
}

std::string view_select() {
  return std::string("SELECT ") + kColumns + " FROM saved_views";
}

SavedView view_from_row(const store::Row& r) {
  SavedView v;
  v.id = r.i64(0);
  v.name = r.text(1);
  v.owner_id = r.i64(2);
  v.shared = r.i64(3) != 0;
  v.filter.kind = r.opt_text(4);
  v.filter.state = r.opt_text(5);
  v.filter.state_category = r.opt_text(6);
  if (auto p = r.opt_i64(7)) v.filter.priority = static_cast<int>(*p);
  v.filter.group_id = r.opt_i64(8);
  v.filter.assignee_id = r.opt_i64(9);
  v.filter.organisation_id = r.opt_i64(10);
  v.filter.requester_id = r.opt_i64(11);
  v.sort = r.text(12);
  v.version = r.i64(13);
  v.created_at = parse_rfc3339(r.text(14)).value_or(Instant{});
  v.updated_at = parse_rfc3339(r.text(15)).value_or(Instant{});
  return v;
}

Result<SavedView> visible_view(store::Executor& ex, const Actor& actor, std::int64_t id) {
  if (!access::can(actor.principal, "view.read")) {
    return Error(ErrorCode::permission_denied, "you may not read views");
  }
  auto row = TRY(ex.query_one(view_select() + " WHERE id = $1", {id}));
  if (!row) return Error(ErrorCode::not_found, "no such view");
  SavedView v = view_from_row(*row);
  if (!v.shared && (v.owner_id == 0 || v.owner_id != actor.principal.user_id)) {
    return Error(ErrorCode::not_found, "no such view");
  }
  return v;
}

// Personal views are their owner's to change; shared ones need "view.share" (also to share or
// unshare a view).
Status check_may_change(const Actor& actor, const SavedView& v, bool shared_after) {
  const auto& p = actor.principal;
  if (v.shared || shared_after) {
    if (!access::can(p, "view.share")) {
      return Error(ErrorCode::permission_denied, "you may not change shared views");
    }
    return {};
  }
  if (!access::can(p, "view.write") || v.owner_id != p.user_id) {
    return Error(ErrorCode::permission_denied, "you may not change this view");
  }
  return {};
}

Result<std::string> view_scope_key(const access::Principal& p) {
  const auto scope = access::scope_for(p, "ticket.read");
  if (!scope) return Error(ErrorCode::permission_denied, "you may not read tickets");
  const std::string user = std::to_string(p.user_id);
  switch (*scope) {
    case access::Scope::all:
      return std::string("all");
    case access::Scope::organisation:
      return "organisation:" + std::to_string(p.organisation_id) + ":" + user;
    case access::Scope::group: {
      auto groups = p.group_ids;
      std::sort(groups.begin(), groups.end());
      std::string list = ",";
      for (auto g : groups)
        list += std::to_string(g) + ",";
      return "group:" + list + ":" + user;
    }
    case access::Scope::own:
      return "own:" + user;
  }
  return std::string("own:") + user;
}

Status load_view_counts(store::Executor& ex, const Actor& actor, std::vector<SavedView>& views) {
  const std::string key = TRY(view_scope_key(actor.principal));
  for (auto& v : views) {
    auto row = TRY(ex.query_one(
        "SELECT count FROM saved_view_counts WHERE view_id = $1 AND scope_key = $2", {v.id, key}));
    v.count = row ? std::optional<std::int64_t>(row->i64(0)) : std::nullopt;
  }
  return {};
}

Status ensure_view_counts(store::Executor& ex, const Actor& actor,
                          const std::vector<std::int64_t>& view_ids) {
  const auto& p = actor.principal;
  const std::string key = TRY(view_scope_key(p));
  bool locked = false;
  for (auto id : view_ids) {
    auto existing = TRY(ex.query_one(
        "SELECT 1 FROM saved_view_counts WHERE view_id = $1 AND scope_key = $2", {id, key}));
    if (existing) continue;
    if (!locked && ex.dialect() == store::DialectKind::postgres) {
      // Ticket writers' triggers update saved_view_counts: this lock waits for those in flight
      // and holds back new ones until we commit, so the COUNT below misses none of them.
      TRY_VOID(ex.exec("LOCK TABLE saved_view_counts IN SHARE ROW EXCLUSIVE MODE"));
      locked = true;
    }
    auto row = TRY(ex.query_one(view_select() + " WHERE id = $1", {id}));
    if (!row) continue;
    const SavedView v = view_from_row(*row);
    std::vector<store::Value> params;
    const auto scope = TRY(ticket_read_scope(p, "", params));
    std::string sql = "SELECT COUNT(*) FROM tickets WHERE 1 = 1";
    if (!scope.condition.empty()) sql += " AND " + scope.condition;
    sql += ticket_filter_sql(v.filter, "", params);
    auto counted = TRY(ex.query(sql, params));
    std::string groups;
    if (scope.scope == access::Scope::group) {
      groups = key.substr(6, key.rfind(':') - 6);  // "group:<,ids,>:<user>"
    }
    TRY_VOID(ex.exec(
        "INSERT INTO saved_view_counts (view_id, scope_key, scope_kind, scope_org, scope_user, "
        "scope_groups, count) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {id, key, std::string(access::scope_name(scope.scope)),
         p.organisation_id ? store::Value(p.organisation_id) : store::Value(store::Null{}),
         p.user_id ? store::Value(p.user_id) : store::Value(store::Null{}),
         groups.empty() ? store::Value(store::Null{}) : store::Value(groups),
         counted.at(0).i64(0)}));
  }
  return {};
}

}  // namespace fuwu::app
