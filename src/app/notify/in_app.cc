// In-app notifications (the bell): the signed-in user's own, newest first.
#include "app/notify/notify.h"

namespace fuwu::app {
namespace {

Status require_user(const Actor& actor) {
  if (actor.principal.user_id == 0) {
    return Error(ErrorCode::permission_denied, "only users have notifications");
  }
  return {};
}

}  // namespace

Result<NotificationPage> list_notifications(store::Executor& ex, const Actor& actor,
                                            bool unread_only, std::int64_t before_id, int limit) {
  TRY_VOID(require_user(actor));
  auto rows = TRY(ex.query(
      std::string("SELECT id, event_type, record_type, record_id, title, body, created_at, "
                  "read_at FROM notifications WHERE user_id = $1 AND ($2 = 0 OR id < $2)") +
          (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT $3",
      {actor.principal.user_id, before_id, std::int64_t{limit + 1}}));
  NotificationPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_before_id = page.items.back().id;
      break;
    }
    Notification n;
    n.id = r.i64(0);
    n.event_type = r.text(1);
    n.record_type = r.text(2);
    n.record_id = r.i64(3);
    n.title = r.text(4);
    n.body = r.text(5);
    n.created_at = parse_rfc3339(r.text(6)).value_or(Instant{});
    if (!r.is_null(7)) n.read_at = parse_rfc3339(r.text(7));
    page.items.push_back(std::move(n));
  }
  page.unread = TRY(unread_notification_count(ex, actor));
  return page;
}

Result<std::int64_t> unread_notification_count(store::Executor& ex, const Actor& actor) {
  TRY_VOID(require_user(actor));
  auto row =
      TRY(ex.query_one("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                       {actor.principal.user_id}));
  return row ? row->i64(0) : std::int64_t{0};
}

Status mark_notifications_read(store::Executor& ex, const Actor& actor, Instant now,
                               std::optional<std::int64_t> id) {
  TRY_VOID(require_user(actor));
  if (!id) {
    TRY_VOID(ex.exec("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
                     {actor.principal.user_id, format_rfc3339(now)}));
    return {};
  }
  auto row = TRY(ex.query_one("SELECT read_at FROM notifications WHERE id = $1 AND user_id = $2",
                              {*id, actor.principal.user_id}));
  if (!row) return Error(ErrorCode::not_found, "no such notification");
  if (row->is_null(0)) {
    TRY_VOID(
        ex.exec("UPDATE notifications SET read_at = $2 WHERE id = $1", {*id, format_rfc3339(now)}));
  }
  return {};
}

}  // namespace fuwu::app
