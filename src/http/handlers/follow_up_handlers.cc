// /api/v1/follow-ups: follow-ups (回访) after closed work orders and tickets, key-customer visits
// and by hand; their outcome (an unhappy one opens a complaint or reopens the work order); the
// customer-care settings. See app/follow_ups/follow_up.h for the rules.
#include "app/follow_ups/follow_up.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kNote{.max_chars = 4000};
constexpr IntRange kId{.min = 1};

boost::json::value opt_bool(const std::optional<bool>& b) {
  return b ? boost::json::value(*b) : boost::json::value(nullptr);
}

boost::json::object follow_up_json(const app::FollowUp& f, Instant now) {
  return {{"id", f.id},
          {"organisation_id", f.organisation_id},
          {"source", f.source},
          {"source_ticket_id", opt_id(f.source_ticket_id)},
          {"source_number", f.source_number.empty() ? boost::json::value(nullptr)
                                                    : boost::json::value(f.source_number)},
          {"survey_response_id", opt_id(f.survey_response_id)},
          {"method", f.method},
          {"assignee_id", opt_id(f.assignee_id)},
          {"contact_id", opt_id(f.contact_id)},
          {"state", f.state},
          {"calendar", f.calendar},
          {"due_at", instant_json(f.due_at)},
          {"overdue", f.state == "open" && now > f.due_at},
          {"reached", opt_bool(f.reached)},
          {"satisfied", opt_bool(f.satisfied)},
          {"score", f.score ? boost::json::value(*f.score) : boost::json::value(nullptr)},
          {"comments", f.comments},
          {"action", f.action.empty() ? boost::json::value(nullptr) : boost::json::value(f.action)},
          {"complaint_id", opt_id(f.complaint_id)},
          {"reopened_work_order_id", opt_id(f.reopened_work_order_id)},
          {"version", f.version},
          {"created_at", instant_json(f.created_at)},
          {"completed_at", opt_time(f.completed_at)}};
}

void respond_follow_up(ApiContext& ctx, int status, const app::FollowUp& f) {
  ctx.response.set_header("ETag", etag(f.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/follow-ups/" + std::to_string(f.id));
  }
  respond(ctx, status, follow_up_json(f, ctx.now()));
}

boost::json::object settings_json(const app::CrmSettings& s) {
  return {{"follow_up_delay_days", s.follow_up_delay_days},
          {"follow_up_days", s.follow_up_days},
          {"follow_up_method", s.follow_up_method},
          {"calendar", s.calendar},
          {"follow_up_group_id", opt_id(s.follow_up_group_id)}};
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "follow-ups"));
  app::FollowUpFilter f;
  f.state = ctx.query("state");
  f.assignee_id = TRY(id_query(ctx, "assignee_id"));
  f.organisation_id = TRY(id_query(ctx, "organisation_id"));
  f.source_ticket_id = TRY(id_query(ctx, "source_ticket_id"));
  app::FollowUpPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_follow_ups(ex, ctx.actor(), f, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& item : result.items)
    items.push_back(follow_up_json(item, ctx.now()));
  respond_page(ctx, std::move(items), "follow-ups", result.next_before_id);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewFollowUp in;
  in.organisation_id = r.integer("organisation_id", Presence::required, kId).value_or(0);
  in.method = r.one_of("method", {"phone", "visit", "letter", "message"}).value_or("");
  in.assignee_id = r.integer("assignee_id", Presence::optional, kId).value_or(0);
  in.contact_id = r.integer("contact_id", Presence::optional, kId).value_or(0);
  in.source_ticket_id = r.integer("source_ticket_id", Presence::optional, kId).value_or(0);
  if (auto d = r.integer("due_in_days", Presence::optional, {.min = 0, .max = 60})) {
    in.due_in_days = static_cast<int>(*d);
  }
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto f = TRY(app::create_follow_up(ex, ctx.actor(), ctx.now(), in));
    respond_follow_up(ctx, 201, f);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_follow_up, respond_follow_up);
}

Status outcome(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::FollowUpOutcomeRequest in;
  in.outcome.reached = r.boolean("reached", Presence::required);
  in.outcome.satisfied = r.boolean("satisfied");
  if (auto s = r.integer("score")) in.outcome.score = static_cast<int>(*s);
  in.outcome.comments = r.text("comments", Presence::optional, kNote).value_or("");
  in.outcome.action = r.one_of("action", {"complaint", "reopen_work_order"}).value_or("");
  in.complaint_about =
      r.one_of("complaint_about", {"engineer", "work_order", "product", "attitude", "fees"})
          .value_or("");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto f = TRY(app::record_follow_up_outcome(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_follow_up(ctx, 200, f);
    return {};
  });
}

Status get_settings(ApiContext& ctx) {
  return ctx.read([&](store::Executor& ex) -> Status {
    auto s = TRY(app::load_crm_settings(ex));
    ctx.response.set_header("ETag", etag(s.version));
    respond(ctx, 200, settings_json(s));
    return {};
  });
}

Status put_settings(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::CrmSettings s;
  s.follow_up_delay_days = static_cast<int>(
      r.integer("follow_up_delay_days", Presence::required, {.min = 0, .max = 30}).value_or(1));
  s.follow_up_days = static_cast<int>(
      r.integer("follow_up_days", Presence::required, {.min = 0, .max = 30}).value_or(2));
  s.follow_up_method =
      r.one_of("follow_up_method", {"phone", "visit", "letter", "message"}, Presence::required)
          .value_or("phone");
  s.calendar = r.text("calendar", Presence::required, {.min_chars = 1, .max_chars = 64})
                   .value_or("china-mainland");
  // Optional: absent or null means no follow-up group.
  if (!r.is_null("follow_up_group_id")) {
    s.follow_up_group_id = r.integer("follow_up_group_id", Presence::optional, kId).value_or(0);
  }
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto saved = TRY(app::set_crm_settings(ex, ctx.actor(), ctx.now(), version, s));
    ctx.response.set_header("ETag", etag(saved.version));
    respond(ctx, 200, settings_json(saved));
    return {};
  });
}

}  // namespace

void add_follow_up_routes(Router& router) {
  // The settings' routes come first: "settings" is no follow-up id.
  router.add({"GET", "/api/v1/follow-ups/settings", "getCrmSettings", Access::permission,
              "follow_up.read", BodyKind::none, get_settings});
  router.add({"PUT", "/api/v1/follow-ups/settings", "setCrmSettings", Access::permission,
              "crm_settings.write", BodyKind::json, put_settings});
  router.add({"GET", "/api/v1/follow-ups", "listFollowUps", Access::permission, "follow_up.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/follow-ups", "createFollowUp", Access::permission, "follow_up.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/follow-ups/{id}", "getFollowUp", Access::permission, "follow_up.read",
              BodyKind::none, get});
  router.add({"POST", "/api/v1/follow-ups/{id}/outcome", "recordFollowUpOutcome",
              Access::permission, "follow_up.read", BodyKind::json, outcome});
}

}  // namespace fuwu::http
