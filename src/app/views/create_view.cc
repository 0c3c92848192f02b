#include "app/platform/audit.h"
#include "app/tickets/lifecycles.h"
#include "app/views/views.h"

namespace fuwu::app {

Status check_view(const std::string& name, const std::string& sort, const TicketFilter& f) {
  Error invalid(ErrorCode::validation_failed, "the view is not valid");
  if (name.empty()) invalid.with_field("name", "required", "a name");
  if (!valid_view_sort(sort)) {
    invalid.with_field("sort", "not_allowed", "newest, sla_due or updated");
  }
  if (f.kind && !kind_info(*f.kind).ok()) {
    invalid.with_field("kind", "not_allowed", "incident or request");
  }
  if (f.state_category && *f.state_category != "new" && *f.state_category != "open" &&
      *f.state_category != "pending" && *f.state_category != "resolved" &&
      *f.state_category != "closed") {
    invalid.with_field("state_category", "not_allowed", "new, open, pending, resolved or closed");
  }
  if (f.priority && (*f.priority < 1 || *f.priority > 4)) {
    invalid.with_field("priority", "out_of_range", "1 to 4");
  }
  if (!invalid.fields.empty()) return invalid;
  return {};
}

Result<SavedView> create_view(store::Executor& ex, const Actor& actor, Instant now,
                              const NewView& in) {
  const auto& p = actor.principal;
  if (!access::can(p, in.shared ? "view.share" : "view.write") || p.user_id == 0) {
    return Error(ErrorCode::permission_denied,
                 in.shared ? "you may not share views" : "you may not save views");
  }
  TRY_VOID(check_view(in.name, in.sort, in.filter));
  const std::string ts = format_rfc3339(now);
  const auto& f = in.filter;
  auto rows = TRY(ex.query(
      "INSERT INTO saved_views (name, owner_id, shared, kind, state, state_category, priority, "
      "group_id, assignee_id, organisation_id, requester_id, sort, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
      {in.name, p.user_id, std::int64_t{in.shared ? 1 : 0}, store::opt(f.kind), store::opt(f.state),
       store::opt(f.state_category),
       f.priority ? store::Value(std::int64_t{*f.priority}) : store::Value(store::Null{}),
       store::opt(f.group_id), store::opt(f.assignee_id), store::opt(f.organisation_id),
       store::opt(f.requester_id), in.sort, ts}));
  const std::int64_t id = rows.at(0).i64(0);
  // The creator's counter is there from the start.
  TRY_VOID(ensure_view_counts(ex, actor, {id}));
  SavedView v = TRY(visible_view(ex, actor, id));
  ChangeSet changes;
  for (const auto& [field, value] : view_fields(v))
    changes.add(field, std::nullopt, value);
  TRY_VOID(write_audit(ex, actor, now, "saved_view", id, "create", changes.changes()));
  std::vector<SavedView> one{v};
  TRY_VOID(load_view_counts(ex, actor, one));
  return one.front();
}

}  // namespace fuwu::app
