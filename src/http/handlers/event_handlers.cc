// GET /api/v1/events/stream: Server-Sent Events of record changes and notifications for the
// signed-in user (http/live_events.h).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/live_events.h"

namespace fuwu::http {
namespace {

// Last-Event-ID (sent by EventSource when it reconnects): the last record event's id; anything
// else (absent, not a number) means "from now on".
std::int64_t last_event_id(const ApiContext& ctx) {
  const std::string_view v = ctx.request.header("last-event-id");
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18) return 0;
  for (char c : v) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

void add_event_routes(Router& router, Api& api) {
  router.add({"GET", "/api/v1/events/stream", "streamEvents", Access::authenticated, "",
              BodyKind::none, [&api](ApiContext& ctx) -> Status {
                LiveEvents* live = api.live_events();
                if (!live) {
                  return Error(ErrorCode::unavailable, "live updates are not running on this node");
                }
                if (ctx.actor().principal.user_id == 0) {
                  return Error(ErrorCode::permission_denied, "only users receive live updates");
                }
                ctx.response.status = 200;
                ctx.response.set_header("Content-Type", "text/event-stream; charset=utf-8");
                ctx.response.set_header("Cache-Control", "no-cache");
                ctx.response.set_header("X-Accel-Buffering", "no");
                ctx.response.body = "retry: 3000\n\n";
                ctx.response.stream = live->subscribe(ctx.actor(), last_event_id(ctx));
                return {};
              }});
}

}  // namespace fuwu::http
