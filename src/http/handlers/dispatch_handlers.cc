// Dispatch of after-sales work orders: the claim pool (/api/v1/work-orders/pool, …/{id}/pool,
// …/{id}/claim), automatic dispatch with its reasons (…/{id}/dispatch-candidates,
// …/{id}/auto-dispatch) and engineers' calendars and absences
// (/api/v1/service-centres/{id}/engineers/{user_id}/schedule|calendar|absences). See
// app/dispatch/dispatch.h for the rules.
#include "app/dispatch/dispatch.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kNote{.max_chars = 2000};
constexpr TextRule kSlug{.min_chars = 1, .max_chars = 64, .single_line = true};

boost::json::object pool_json(const app::PoolEntry& e) {
  return {{"work_order_id", e.work_order_id},
          {"number", e.number},
          {"title", e.title},
          {"state", e.state},
          {"kind", e.wo_kind},
          {"fault", e.fault},
          {"serial", e.serial},
          {"service_centre_id", e.service_centre_id},
          {"product_line", e.product_line},
          {"province", e.province},
          {"note", e.note},
          {"published_at", instant_json(e.published_at)}};
}

boost::json::object proposal_json(const app::DispatchProposal& p) {
  boost::json::array candidates;
  for (const auto& r : p.decision.ranked) {
    const auto& c = r.candidate;
    boost::json::array why;
    for (auto e : r.excluded_because) {
      why.push_back({{"code", aftersales::exclusion_code(e)},
                     {"label_zh", aftersales::exclusion_zh(e)},
                     {"label_en", aftersales::exclusion_en(e)}});
    }
    candidates.push_back(
        {{"engineer_id", c.engineer_id},
         {"name", c.name},
         {"service_centre_id", c.service_centre_id},
         {"rank", r.rank > 0 ? boost::json::value(r.rank) : boost::json::value(nullptr)},
         {"eligible", r.rank > 0},
         {"chosen", p.decision.chosen == c.engineer_id},
         {"distance_km",
          c.distance_km ? boost::json::value(*c.distance_km) : boost::json::value(nullptr)},
         {"load", c.load},
         {"cost",
          r.rank > 0 && c.distance_km ? boost::json::value(r.cost) : boost::json::value(nullptr)},
         {"excluded_because", std::move(why)}});
  }
  return {{"work_order_id", p.work_order_id},
          {"at", instant_json(p.at)},
          {"product_line", p.product_line},
          {"province", p.province},
          {"rules", boost::json::object{{"km_per_open_order", p.rules.km_per_open_order},
                                        {"max_load", p.rules.max_load}}},
          {"chosen_engineer_id", p.decision.chosen ? boost::json::value(*p.decision.chosen)
                                                   : boost::json::value(nullptr)},
          {"explanation_zh", p.decision.explanation_zh},
          {"explanation_en", p.decision.explanation_en},
          {"candidates", std::move(candidates)}};
}

boost::json::object absence_json(const app::EngineerAbsence& a) {
  return {{"id", a.id},
          {"engineer_id", a.engineer_id},
          {"starts_on", format_date(a.starts_on)},
          {"ends_on", format_date(a.ends_on)},
          {"reason", a.reason},
          {"created_at", instant_json(a.created_at)}};
}

boost::json::object schedule_json(const app::EngineerSchedule& s) {
  boost::json::array absences, slots;
  for (const auto& a : s.absences)
    absences.push_back(absence_json(a));
  for (const auto& a : s.appointments) {
    slots.push_back({{"work_order_id", a.work_order_id},
                     {"number", a.number},
                     {"starts_at", instant_json(a.starts_at)},
                     {"ends_at", instant_json(a.ends_at)}});
  }
  return {{"engineer_id", s.engineer_id},    {"service_centre_id", s.service_centre_id},
          {"calendar", s.calendar},          {"own_calendar", s.own_calendar},
          {"absences", std::move(absences)}, {"appointments", std::move(slots)}};
}

// ?at=2026-07-02T09:00:00+08:00 (optional).
Result<std::optional<Instant>> at_query(const ApiContext& ctx) {
  auto text = ctx.query("at");
  if (!text) return std::optional<Instant>();
  auto at = parse_rfc3339(*text);
  if (!at) {
    return Error(ErrorCode::invalid_request, "at is not an RFC 3339 instant")
        .with_field("at", "invalid_format", "e.g. 2026-07-02T09:00:00+08:00");
  }
  return std::optional<Instant>(*at);
}

Status pool(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto entries = TRY(app::list_pool(ex, ctx.actor()));
    boost::json::array items;
    for (const auto& e : entries)
      items.push_back(pool_json(e));
    respond(ctx, 200, boost::json::object{{"items", std::move(items)}});
    return {};
  });
}

Status publish(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto note = r.text("note", Presence::optional, kNote).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto e = TRY(app::publish_to_pool(ex, ctx.actor(), ctx.now(), id, note));
    respond(ctx, 201, pool_json(e));
    return {};
  });
}

Status claim(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto w = TRY(app::claim_work_order(ex, ctx.actor(), ctx.now(), id));
    ctx.response.set_header("ETag", etag(w.ticket.version));
    respond(ctx, 200, ticket_json(w.ticket));
    return {};
  });
}

Status candidates(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto at = TRY(at_query(ctx));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto p = TRY(app::propose_dispatch(ex, ctx.actor(), ctx.now(), id, at));
    respond(ctx, 200, proposal_json(p));
    return {};
  });
}

Status auto_dispatch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto at = r.instant("at");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto result = TRY(app::auto_dispatch(ex, ctx.actor(), ctx.now(), id, version, at));
    ctx.response.set_header("ETag", etag(result.order.ticket.version));
    auto o = proposal_json(result.proposal);
    o["work_order"] = ticket_json(result.order.ticket);
    respond(ctx, 200, o);
    return {};
  });
}

Status schedule(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user = TRY(ctx.id_param("user_id"));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto s = TRY(app::get_engineer_schedule(ex, ctx.actor(), id, user, ctx.now()));
    respond(ctx, 200, schedule_json(s));
    return {};
  });
}

Status put_calendar(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user = TRY(ctx.id_param("user_id"));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  // A slug, or null (or nothing) for the centre's calendar.
  const std::string calendar = r.text("calendar", Presence::optional, kSlug).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto s = TRY(app::set_engineer_calendar(ex, ctx.actor(), ctx.now(), id, user, calendar));
    respond(ctx, 200, schedule_json(s));
    return {};
  });
}

Status post_absence(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user = TRY(ctx.id_param("user_id"));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::EngineerAbsence in;
  in.starts_on = r.date("starts_on", Presence::required).value_or(Date{});
  in.ends_on = r.date("ends_on", Presence::required).value_or(Date{});
  in.reason = r.text("reason", Presence::optional, kNote).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto a = TRY(app::add_engineer_absence(ex, ctx.actor(), ctx.now(), id, user, in));
    respond(ctx, 201, absence_json(a));
    return {};
  });
}

Status delete_absence(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto user = TRY(ctx.id_param("user_id"));
  const auto absence = TRY(ctx.id_param("absence_id"));
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::remove_engineer_absence(ex, ctx.actor(), ctx.now(), id, user, absence));
    ctx.response.status = 204;
    return {};
  });
}

}  // namespace

void add_dispatch_routes(Router& router) {
  // Before the work orders' own routes: "pool" is no work order id.
  router.add({"GET", "/api/v1/work-orders/pool", "listDispatchPool", Access::permission,
              "work_order.read", BodyKind::none, pool});
  router.add({"POST", "/api/v1/work-orders/{id}/pool", "publishToDispatchPool", Access::permission,
              "work_order.dispatch", BodyKind::json, publish});
  router.add({"POST", "/api/v1/work-orders/{id}/claim", "claimWorkOrder", Access::permission,
              "work_order.claim", BodyKind::none, claim});
  router.add({"GET", "/api/v1/work-orders/{id}/dispatch-candidates", "getDispatchCandidates",
              Access::permission, "work_order.dispatch", BodyKind::none, candidates});
  router.add({"POST", "/api/v1/work-orders/{id}/auto-dispatch", "autoDispatchWorkOrder",
              Access::permission, "work_order.dispatch", BodyKind::json, auto_dispatch});
  router.add({"GET", "/api/v1/service-centres/{id}/engineers/{user_id}/schedule",
              "getEngineerSchedule", Access::permission, "service_centre.read", BodyKind::none,
              schedule});
  router.add({"PUT", "/api/v1/service-centres/{id}/engineers/{user_id}/calendar",
              "setEngineerCalendar", Access::permission, "engineer.schedule", BodyKind::json,
              put_calendar});
  router.add({"POST", "/api/v1/service-centres/{id}/engineers/{user_id}/absences",
              "addEngineerAbsence", Access::permission, "engineer.schedule", BodyKind::json,
              post_absence});
  router.add({"DELETE", "/api/v1/service-centres/{id}/engineers/{user_id}/absences/{absence_id}",
              "removeEngineerAbsence", Access::permission, "engineer.schedule", BodyKind::none,
              delete_absence});
}

}  // namespace fuwu::http
