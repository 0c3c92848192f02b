// GET /api/v1/events/stream: Server-Sent Events of record changes and notifications for the
// signed-in user (http/live_events.h).
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/live_events.h"

namespace fuwu::http {

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
                ctx.response.stream = live->subscribe(ctx.actor());
                return {};
              }});
}

}  // namespace fuwu::http
