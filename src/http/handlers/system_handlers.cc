#include "app/platform/job_queue.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/openapi.h"

namespace fuwu::http {
namespace {

Status healthz(ApiContext& ctx) {
  ctx.json(200, "{\"status\":\"ok\"}");
  return {};
}

}  // namespace

void add_system_routes(Router& router, Api& api) {
  router.add({"GET", "/healthz", "healthz", Access::public_route, "", BodyKind::none, healthz});
  router.add({"GET", "/readyz", "readyz", Access::public_route, "", BodyKind::none,
              [](ApiContext& ctx) -> Status {
                boost::json::object out;
                boost::json::array warnings;
                auto ping = ctx.services.db.ping();
                out["database"] = ping.ok() ? "ok" : "unavailable";
                for (const auto& w : readiness_warnings(ctx.services))
                  warnings.push_back(boost::json::value(w));
                out["warnings"] = std::move(warnings);
                out["status"] = ping.ok() ? "ready" : "not_ready";
                respond(ctx, ping.ok() ? 200 : 503, out);
                return {};
              }});
  router.add({"GET", "/metrics", "metrics", Access::public_route, "", BodyKind::none,
              [&api](ApiContext& ctx) -> Status {
                std::string text = api.metrics().render();
                const auto st = ctx.services.db.stats();
                static constexpr const char* kLe[] = {"1",  "3",  "7",   "15",
                                                      "31", "63", "127", "+Inf"};
                text += "# HELP fuwu_db_commit_batch_size Write units per database commit.\n";
                text += "# TYPE fuwu_db_commit_batch_size histogram\n";
                std::uint64_t cumulative = 0;
                for (int i = 0; i < 8; ++i) {
                  cumulative += st.batch_histogram[i];
                  text += "fuwu_db_commit_batch_size_bucket{le=\"" + std::string(kLe[i]) + "\"} " +
                          std::to_string(cumulative) + "\n";
                }
                text += "fuwu_db_commit_batch_size_sum " + std::to_string(st.units) + "\n";
                text += "fuwu_db_commit_batch_size_count " + std::to_string(st.commits) + "\n";
                auto pending = app::pending_job_count(ctx.services.db);
                text += "# HELP fuwu_jobs_queue_depth Jobs pending or running.\n";
                text += "# TYPE fuwu_jobs_queue_depth gauge\n";
                text += "fuwu_jobs_queue_depth " + std::to_string(pending.value_or(0)) + "\n";
                ctx.response.status = 200;
                ctx.response.body = std::move(text);
                ctx.response.set_header("Content-Type", "text/plain; version=0.0.4");
                return {};
              }});
  router.add({"GET", "/api/v1/openapi.json", "getOpenApi", Access::public_route, "", BodyKind::none,
              [](ApiContext& ctx) -> Status {
                ctx.json(200, std::string(openapi_document()));
                ctx.response.set_header("Cache-Control", "no-cache");
                return {};
              }});
}

}  // namespace fuwu::http
