// GET /api/v1/search: full-text search over the tickets the caller may see (app/search).
#include "app/search/search.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

Result<int> search_limit(const ApiContext& ctx) {
  const auto l = ctx.query("limit");
  if (!l) return 20;
  int n = 0;
  bool ok = !l->empty() && l->size() <= 3;
  for (char ch : *l) {
    if (ch < '0' || ch > '9') ok = false;
    if (ok) n = n * 10 + (ch - '0');
  }
  if (!ok || n < 1 || n > 100) {
    return Error(ErrorCode::invalid_request, "limit must be a whole number from 1 to 100")
        .with_field("limit", "out_of_range", "1 to 100");
  }
  return n;
}

Status search(ApiContext& ctx) {
  app::SearchRequest req;
  req.query = ctx.query("q").value_or("");
  if (auto kind = ctx.query("kind"); kind && !kind->empty()) req.kind = *kind;
  req.cursor = ctx.query("cursor").value_or("");
  req.limit = TRY(search_limit(ctx));
  app::SearchPage page;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    page = TRY(app::search_tickets(ex, ctx.actor(), req));
    return {};
  }));
  boost::json::array items;
  for (const auto& hit : page.items) {
    items.push_back(boost::json::object{{"id", hit.id},
                                        {"number", hit.number},
                                        {"title", hit.title},
                                        {"kind", hit.kind},
                                        {"state", hit.state},
                                        {"snippet", hit.snippet},
                                        {"score", hit.score}});
  }
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = page.next_cursor ? boost::json::value(*page.next_cursor) : nullptr;
  respond(ctx, 200, out);
  return {};
}

}  // namespace

void add_search_routes(Router& router) {
  router.add({"GET", "/api/v1/search", "searchTickets", Access::permission, "ticket.read",
              BodyKind::none, search});
}

}  // namespace fuwu::http
