#include <charconv>

#include "app/views/views.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

template <typename T>
boost::json::value opt_json(const std::optional<T>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

boost::json::object view_json(const app::SavedView& v) {
  const auto& f = v.filter;
  boost::json::object filters{{"kind", opt_json(f.kind)},
                              {"state", opt_json(f.state)},
                              {"state_category", opt_json(f.state_category)},
                              {"priority", opt_json(f.priority)},
                              {"group_id", opt_json(f.group_id)},
                              {"assignee_id", opt_json(f.assignee_id)},
                              {"organisation_id", opt_json(f.organisation_id)},
                              {"requester_id", opt_json(f.requester_id)}};
  return {{"id", v.id},
          {"name", v.name},
          {"owner_id", v.owner_id ? boost::json::value(v.owner_id) : nullptr},
          {"shared", v.shared},
          {"filters", std::move(filters)},
          {"sort", v.sort},
          {"count", opt_json(v.count)},
          {"version", v.version},
          {"created_at", instant_json(v.created_at)},
          {"updated_at", instant_json(v.updated_at)}};
}

void respond_view(ApiContext& ctx, int status, const app::SavedView& v) {
  ctx.response.set_header("ETag", etag(v.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/views/" + std::to_string(v.id));
  respond(ctx, status, view_json(v));
}

constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kWord{.min_chars = 1, .max_chars = 64, .single_line = true};
constexpr IntRange kId{.min = 1};
constexpr IntRange kPriority{.min = 1, .max = 4};

// {"kind": …, "state": …, …}: every filter, absent or null meaning "any".
Result<app::TicketFilter> read_filters(BodyReader& r) {
  app::TicketFilter f;
  const boost::json::value* raw = r.raw("filters");
  if (raw == nullptr) return f;
  auto reader = BodyReader::from(*raw, r.pointer_of("filters"));
  if (!reader.ok()) {
    r.add_errors(reader.error());
    return f;
  }
  BodyReader& nested = *reader;
  f.kind = nested.text("kind", Presence::optional, kWord);
  f.state = nested.text("state", Presence::optional, kWord);
  f.state_category = nested.text("state_category", Presence::optional, kWord);
  if (auto p = nested.integer("priority", Presence::optional, kPriority)) {
    f.priority = static_cast<int>(*p);
  }
  f.group_id = nested.integer("group_id", Presence::optional, kId);
  f.assignee_id = nested.integer("assignee_id", Presence::optional, kId);
  f.organisation_id = nested.integer("organisation_id", Presence::optional, kId);
  f.requester_id = nested.integer("requester_id", Presence::optional, kId);
  r.add_errors(nested.finish());
  return f;
}

// Reads the views with their counts for the caller's scope; a scope that has not used a view
// yet gets its counter first (one write, once).
template <typename Load>
Status with_counts(ApiContext& ctx, Load load) {
  std::vector<std::int64_t> missing;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    for (const auto& v : TRY(load(ex)))
      if (!v.count) missing.push_back(v.id);
    return {};
  }));
  if (missing.empty()) return {};
  return ctx.write([&](store::Executor& ex) -> Status {
    return app::ensure_view_counts(ex, ctx.actor(), missing);
  });
}

Status list(ApiContext& ctx) {
  auto load = [&](store::Executor& ex) { return app::list_views(ex, ctx.actor()); };
  TRY_VOID(with_counts(ctx, load));
  return ctx.read([&](store::Executor& ex) -> Status {
    boost::json::array items;
    for (const auto& v : TRY(load(ex)))
      items.push_back(view_json(v));
    respond(ctx, 200, boost::json::object{{"items", std::move(items)}});
    return {};
  });
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewView in;
  in.name = r.text("name", Presence::required, kName).value_or("");
  in.shared = r.boolean("shared").value_or(false);
  in.sort = r.one_of("sort", {"newest", "sla_due", "updated"}).value_or("newest");
  in.filter = TRY(read_filters(r));
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    respond_view(ctx, 201, TRY(app::create_view(ex, ctx.actor(), ctx.now(), in)));
    return {};
  });
}

Status get(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto load = [&](store::Executor& ex) -> Result<std::vector<app::SavedView>> {
    return std::vector<app::SavedView>{TRY(app::get_view(ex, ctx.actor(), id))};
  };
  TRY_VOID(with_counts(ctx, load));
  return get_by_id(ctx, app::get_view, respond_view);
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::ViewPatch p;
  p.name = r.text("name", Presence::optional, kName);
  p.shared = r.boolean("shared");
  p.sort = r.one_of("sort", {"newest", "sla_due", "updated"});
  if (r.has("filters")) p.filter = TRY(read_filters(r));
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    respond_view(ctx, 200, TRY(app::update_view(ex, ctx.actor(), ctx.now(), id, version, p)));
    return {};
  });
}

Status remove(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_view(ex, ctx.actor(), ctx.now(), id, version));
    ctx.response.status = 204;
    return {};
  });
}

Status tickets(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  int limit = 50;
  if (auto l = ctx.query("limit")) {
    int n = 0;
    const auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc() || end != l->data() + l->size() || n < 1 || n > 100) {
      return Error(ErrorCode::invalid_request, "limit must be 1 to 100")
          .with_field("limit", "out_of_range", "1 to 100");
    }
    limit = n;
  }
  const std::string cursor = ctx.query("cursor").value_or("");
  return ctx.read([&](store::Executor& ex) -> Status {
    auto page = TRY(app::list_view_tickets(ex, ctx.actor(), id, cursor, limit));
    boost::json::array items;
    for (const auto& t : page.items)
      items.push_back(ticket_json(t));
    boost::json::object out{{"items", std::move(items)}};
    out["next_cursor"] = page.next_cursor ? boost::json::value(*page.next_cursor) : nullptr;
    respond(ctx, 200, out);
    return {};
  });
}

}  // namespace

void add_view_routes(Router& router) {
  router.add(
      {"GET", "/api/v1/views", "listViews", Access::permission, "view.read", BodyKind::none, list});
  router.add({"POST", "/api/v1/views", "createView", Access::permission, "view.read",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/views/{id}", "getView", Access::permission, "view.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/views/{id}", "updateView", Access::permission, "view.read",
              BodyKind::json, patch});
  router.add({"DELETE", "/api/v1/views/{id}", "deleteView", Access::permission, "view.read",
              BodyKind::none, remove});
  router.add({"GET", "/api/v1/views/{id}/tickets", "listViewTickets", Access::permission,
              "view.read", BodyKind::none, tickets});
}

}  // namespace fuwu::http
