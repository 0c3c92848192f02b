// Links between tickets, merge, major-incident reviews, escalation between lines, assignment
// (by hand or round-robin) and users' availability for it.
#include "app/tickets/relations.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr IntRange kId{1, INT64_MAX};
constexpr TextRule kReason{.min_chars = 1, .max_chars = 4000, .trim = true};
constexpr TextRule kReviewText{.max_chars = 20000, .trim = true};

boost::json::object link_json(const app::TicketLink& l) {
  return {{"id", l.id},
          {"kind", l.name->name},
          {"label", {{"zh-CN", l.name->label_zh}, {"en", l.name->label_en}}},
          {"ticket",
           {{"id", l.other_id},
            {"number", l.other_number},
            {"title", l.other_title},
            {"kind", l.other_kind},
            {"state", l.other_state}}},
          {"created_at", instant_json(l.created_at)}};
}

boost::json::object review_json(const app::MajorReview& r) {
  return {{"ticket_id", r.ticket_id},
          {"summary", r.summary},
          {"root_cause", r.root_cause},
          {"actions", r.actions},
          {"reviewed_by", r.reviewed_by ? boost::json::value(r.reviewed_by) : nullptr},
          {"reviewed_at", instant_json(r.reviewed_at)}};
}

Status list_links(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto links = TRY(app::list_ticket_links(ex, ctx.actor(), id));
    boost::json::array items;
    for (const auto& l : links)
      items.push_back(link_json(l));
    respond(ctx, 200, boost::json::object{{"items", std::move(items)}});
    return {};
  });
}

Status add_link(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto kind = r.one_of("kind",
                             {"parent_of", "child_of", "relates_to", "duplicate_of",
                              "duplicated_by", "caused_by", "causes"},
                             Presence::required)
                        .value_or("");
  const auto other = r.integer("ticket_id", Presence::required, kId).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto l = TRY(app::link_tickets(ex, ctx.actor(), ctx.now(), id, kind, other));
    respond(ctx, 201, link_json(l));
    return {};
  });
}

Status remove_link(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto link_id = TRY(ctx.id_param("link_id"));
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::unlink_tickets(ex, ctx.actor(), ctx.now(), id, link_id));
    ctx.response.status = 204;
    return {};
  });
}

Status merge(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto into = r.integer("into", Presence::required, kId).value_or(0);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::merge_ticket(ex, ctx.actor(), ctx.now(), id, version, into));
    respond_ticket_record(ctx, 200, t);
    return {};
  });
}

Status get_review(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto review = TRY(app::get_major_review(ex, ctx.actor(), id));
    if (!review) return Error(ErrorCode::not_found, "no review has been recorded");
    respond(ctx, 200, review_json(*review));
    return {};
  });
}

Status put_review(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::MajorReview in;
  in.summary =
      r.text("summary", Presence::required, {.min_chars = 1, .max_chars = 20000}).value_or("");
  in.root_cause = r.text("root_cause", Presence::optional, kReviewText).value_or("");
  in.actions = r.text("actions", Presence::optional, kReviewText).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto review = TRY(app::record_major_review(ex, ctx.actor(), ctx.now(), id, in));
    respond(ctx, 200, review_json(review));
    return {};
  });
}

Status escalate(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto group = r.integer("group_id", Presence::required, kId).value_or(0);
  const auto reason = r.text("reason", Presence::required, kReason).value_or("");
  const bool round_robin = r.boolean("round_robin").value_or(false);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(
        app::escalate_ticket(ex, ctx.actor(), ctx.now(), id, version, group, reason, round_robin));
    respond_ticket_record(ctx, 200, t);
    return {};
  });
}

Status assign(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::AssignRequest req;
  req.group_id = r.integer("group_id", Presence::optional, kId);
  if (r.is_null("assignee_id"))
    req.assignee_id = 0;
  else
    req.assignee_id = r.integer("assignee_id", Presence::optional, kId);
  req.round_robin = r.boolean("round_robin").value_or(false);
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::assign_ticket(ex, ctx.actor(), ctx.now(), id, version, req));
    respond_ticket_record(ctx, 200, t);
    return {};
  });
}

Status availability(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const bool available = r.boolean("available", Presence::required).value_or(true);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::set_user_availability(ex, ctx.actor(), ctx.now(), id, available));
    respond(ctx, 200, boost::json::object{{"user_id", id}, {"available", available}});
    return {};
  });
}

}  // namespace

void add_ticket_relation_routes(Router& router) {
  router.add({"GET", "/api/v1/tickets/{id}/links", "listTicketLinks", Access::permission,
              "ticket.read", BodyKind::none, list_links});
  router.add({"POST", "/api/v1/tickets/{id}/links", "linkTickets", Access::permission,
              "ticket.write", BodyKind::json, add_link});
  router.add({"DELETE", "/api/v1/tickets/{id}/links/{link_id}", "unlinkTickets", Access::permission,
              "ticket.write", BodyKind::none, remove_link});
  router.add({"POST", "/api/v1/tickets/{id}/merge", "mergeTicket", Access::permission,
              "ticket.write", BodyKind::json, merge});
  router.add({"GET", "/api/v1/tickets/{id}/major-review", "getMajorIncidentReview",
              Access::permission, "ticket.read", BodyKind::none, get_review});
  router.add({"PUT", "/api/v1/tickets/{id}/major-review", "recordMajorIncidentReview",
              Access::permission, "ticket.write", BodyKind::json, put_review});
  router.add({"POST", "/api/v1/tickets/{id}/escalate", "escalateTicket", Access::permission,
              "ticket.write", BodyKind::json, escalate});
  router.add({"POST", "/api/v1/tickets/{id}/assign", "assignTicket", Access::permission,
              "ticket.write", BodyKind::json, assign});
  // The user themself, or someone with user.write over them (checked in the use case).
  router.add({"PUT", "/api/v1/users/{id}/availability", "setUserAvailability",
              Access::authenticated, "", BodyKind::json, availability});
}

}  // namespace fuwu::http
