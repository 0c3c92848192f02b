// Watchers of a record: who is told about it besides its requester and assignee.
#include "app/tickets/watchers.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

constexpr IntRange kId{1, INT64_MAX};

boost::json::object watcher_json(const app::TicketWatcher& w) {
  return {{"user_id", w.user_id},
          {"login", w.login},
          {"display_name", w.display_name},
          {"added_by", w.added_by ? boost::json::value(w.added_by) : boost::json::value(nullptr)},
          {"added_at", instant_json(w.added_at)}};
}

Status list_watchers(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    const auto watchers = TRY(app::list_ticket_watchers(ex, ctx.actor(), id));
    boost::json::array items;
    bool watching = false;
    for (const auto& w : watchers) {
      items.push_back(watcher_json(w));
      watching = watching || w.user_id == ctx.actor().principal.user_id;
    }
    respond(ctx, 200, boost::json::object{{"items", std::move(items)}, {"watching", watching}});
    return {};
  });
}

Status add_watcher(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto user_id = r.integer("user_id", Presence::required, kId).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    const auto change = TRY(app::add_ticket_watcher(ex, ctx.actor(), ctx.now(), id, user_id));
    respond(ctx, change.changed ? 201 : 200, watcher_json(change.watcher));
    return {};
  });
}

Status remove_watcher(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user_id = TRY(ctx.id_param("user_id"));
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::remove_ticket_watcher(ex, ctx.actor(), ctx.now(), id, user_id));
    ctx.response.status = 204;
    return {};
  });
}

}  // namespace

void add_watcher_routes(Router& router) {
  router.add({"GET", "/api/v1/tickets/{id}/watchers", "listTicketWatchers", Access::permission,
              "ticket.read", BodyKind::none, list_watchers});
  router.add({"POST", "/api/v1/tickets/{id}/watchers", "addTicketWatcher", Access::permission,
              "ticket.read", BodyKind::json, add_watcher});
  router.add({"DELETE", "/api/v1/tickets/{id}/watchers/{user_id}", "removeTicketWatcher",
              Access::permission, "ticket.read", BodyKind::none, remove_watcher});
}

}  // namespace fuwu::http
