#include "app/catalogue/catalogue.h"
#include "app/sla/sla_json.h"
#include "app/tickets/sla_clocks.h"
#include "app/tickets/ticket.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {

void respond_ticket_record(ApiContext& ctx, int status, const app::Ticket& t) {
  ctx.response.set_header("ETag", etag(t.version));
  if (status == 201) ctx.response.set_header("Location", "/api/v1/tickets/" + std::to_string(t.id));
  respond(ctx, status, ticket_json(t));
}

boost::json::value opt_id(std::int64_t v) {
  return v ? boost::json::value(v) : nullptr;
}
boost::json::value opt_time(const std::optional<Instant>& t) {
  return t ? boost::json::value(instant_json(*t)) : nullptr;
}

boost::json::object ticket_json(const app::Ticket& t) {
  const auto kind = app::kind_info(t.kind);
  const ticket::StateDef* state = kind.ok() ? (*kind)->lifecycle.state(t.state) : nullptr;
  return {{"id", t.id},
          {"kind", t.kind},
          {"number", t.number},
          {"title", t.title},
          {"description", t.description},
          {"requester_id", opt_id(t.requester_id)},
          {"organisation_id", opt_id(t.organisation_id)},
          {"site_id", opt_id(t.site_id)},
          {"service", t.service},
          {"impact", t.impact},
          {"urgency", t.urgency},
          {"priority", t.priority},
          {"priority_overridden", t.priority_overridden},
          {"state", t.state},
          {"state_label",
           state ? boost::json::object{{"zh-CN", state->label_zh}, {"en", state->label_en}}
                 : boost::json::object{}},
          {"state_category", t.state_category},
          {"group_id", opt_id(t.group_id)},
          {"assignee_id", opt_id(t.assignee_id)},
          {"channel", t.channel},
          {"resolution", t.resolution},
          {"resolution_code", t.resolution_code},
          {"major", t.major},
          {"sla_due_at", opt_time(t.sla_due_at)},
          {"version", t.version},
          {"created_at", instant_json(t.created_at)},
          {"updated_at", instant_json(t.updated_at)},
          {"resolved_at", opt_time(t.resolved_at)},
          {"closed_at", opt_time(t.closed_at)},
          {"merged_into_id", opt_id(t.merged_into_id)},
          {"description_format", t.description_format}};
}

namespace {

boost::json::object entry_json(const app::JournalEntry& e) {
  return {{"id", e.id},
          {"visibility", e.visibility},
          {"kind", e.entry_kind},
          {"author_id", opt_id(e.author_id)},
          {"author_login", e.author_login},
          {"body", e.body},
          {"format", e.format},
          {"created_at", instant_json(e.created_at)}};
}

void respond_ticket(ApiContext& ctx, int status, const app::Ticket& t) {
  respond_ticket_record(ctx, status, t);
}

constexpr TextRule kTitle{.min_chars = 1, .max_chars = 300, .single_line = true};
constexpr TextRule kLong{.max_chars = 100000, .trim = false};
constexpr IntRange kLevel{1, 5};
constexpr IntRange kPriority{1, 4};
constexpr IntRange kId{0, INT64_MAX};

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewTicket in;
  in.kind = r.one_of("kind", {"incident", "request"}, Presence::required).value_or("");
  // A request from the service catalogue: the title defaults to the item's name.
  const auto item_id = r.integer("catalogue_item_id", Presence::optional, {1, INT64_MAX});
  const auto* form = r.raw("form");
  in.title =
      r.text("title", item_id ? Presence::optional : Presence::required, kTitle).value_or("");
  in.description = r.text("description", Presence::optional, kLong).value_or("");
  in.description_format = r.one_of("description_format", {"text", "html"}).value_or("text");
  in.organisation_id = r.integer("organisation_id", Presence::optional, kId).value_or(0);
  in.requester_id = r.integer("requester_id", Presence::optional, kId).value_or(0);
  in.site_id = r.integer("site_id", Presence::optional, kId).value_or(0);
  in.service =
      r.text("service", Presence::optional, {.max_chars = 200, .single_line = true}).value_or("");
  in.impact = r.integer("impact", Presence::optional, kLevel);
  in.urgency = r.integer("urgency", Presence::optional, kLevel);
  in.priority = r.integer("priority", Presence::optional, kPriority);
  in.group_id = r.integer("group_id", Presence::optional, kId).value_or(0);
  in.assignee_id = r.integer("assignee_id", Presence::optional, kId).value_or(0);
  in.channel = r.one_of("channel", {"phone", "email", "portal", "walk_in", "api"}).value_or("");
  in.major = r.boolean("major").value_or(false);
  if (form && !item_id) r.add_error(r.pointer_of("form"), "not_allowed", "needs catalogue_item_id");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    if (item_id) {
      app::NewRequest req{in, *item_id, form ? boost::json::serialize(*form) : "{}"};
      respond_ticket(ctx, 201, TRY(app::create_request(ex, ctx.actor(), ctx.now(), req)));
      return {};
    }
    auto t = TRY(app::create_ticket(ex, ctx.actor(), ctx.now(), in));
    respond_ticket(ctx, 201, t);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_ticket, respond_ticket);
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "tickets"));
  app::TicketFilter f;
  f.kind = ctx.query("kind");
  f.state = ctx.query("state");
  f.state_category = ctx.query("state_category");
  f.group_id = TRY(id_query(ctx, "group_id"));
  f.assignee_id = TRY(id_query(ctx, "assignee_id"));
  f.organisation_id = TRY(id_query(ctx, "organisation_id"));
  f.requester_id = TRY(id_query(ctx, "requester_id"));
  if (auto p = TRY(id_query(ctx, "priority"))) {
    if (*p < 1 || *p > 4) {
      return Error(ErrorCode::invalid_request, "priority is 1 to 4")
          .with_field("priority", "out_of_range", "1 to 4");
    }
    f.priority = static_cast<int>(*p);
  }
  f.number = ctx.query("number");
  f.created_from = TRY(instant_query(ctx, "created_from"));
  f.created_to = TRY(instant_query(ctx, "created_to"));
  f.resolved_from = TRY(instant_query(ctx, "resolved_from"));
  f.resolved_to = TRY(instant_query(ctx, "resolved_to"));
  app::TicketPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_tickets(ex, ctx.actor(), f, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& t : result.items)
    items.push_back(ticket_json(t));
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = result.next_before_id
                           ? boost::json::value(encode_cursor("tickets", *result.next_before_id))
                           : nullptr;
  respond(ctx, 200, out);
  return {};
}

Status patch(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::TicketPatch p;
  p.title = r.text("title", Presence::optional, kTitle);
  p.description = r.text("description", Presence::optional, kLong);
  p.description_format = r.one_of("description_format", {"text", "html"});
  p.service = r.text("service", Presence::optional, {.max_chars = 200, .single_line = true});
  if (auto v = r.integer("impact", Presence::optional, kLevel)) p.impact = static_cast<int>(*v);
  if (auto v = r.integer("urgency", Presence::optional, kLevel)) p.urgency = static_cast<int>(*v);
  if (auto v = r.integer("priority", Presence::optional, kPriority))
    p.priority = static_cast<int>(*v);
  if (r.is_null("group_id"))
    p.group_id = 0;
  else
    p.group_id = r.integer("group_id", Presence::optional, kId);
  if (r.is_null("assignee_id"))
    p.assignee_id = 0;
  else
    p.assignee_id = r.integer("assignee_id", Presence::optional, kId);
  p.major = r.boolean("major");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::update_ticket(ex, ctx.actor(), ctx.now(), id, version, p));
    respond_ticket(ctx, 200, t);
    return {};
  });
}

Status transition(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::TransitionRequest req;
  req.transition = r.text("transition", Presence::required,
                          {.min_chars = 1, .max_chars = 64, .single_line = true})
                       .value_or("");
  req.resolution = r.text("resolution", Presence::optional, kLong);
  req.resolution_code =
      r.text("resolution_code", Presence::optional, {.max_chars = 64, .single_line = true});
  req.group_id = r.integer("group_id", Presence::optional, kId);
  req.assignee_id = r.integer("assignee_id", Presence::optional, kId);
  req.comment = r.text("comment", Presence::optional, kLong).value_or("");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto t = TRY(app::transition_ticket(ex, ctx.actor(), ctx.now(), id, version, req));
    respond_ticket(ctx, 200, t);
    return {};
  });
}

Status transitions(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::vector<const ticket::TransitionDef*> defs;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    defs = TRY(app::available_transitions(ex, ctx.actor(), id));
    return {};
  }));
  boost::json::array items;
  for (const auto* d : defs) {
    items.push_back({{"name", d->name},
                     {"label", {{"zh-CN", d->label_zh}, {"en", d->label_en}}},
                     {"to", d->to},
                     {"requires", boost::json::value_from(d->required)}});
  }
  respond(ctx, 200, boost::json::object{{"items", std::move(items)}});
  return {};
}

Status add_entry(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const auto visibility = r.one_of("visibility", {"public", "internal"}).value_or("public");
  const auto format = r.one_of("format", {"text", "html"}).value_or("text");
  const auto text =
      r.text("body", Presence::required, {.min_chars = 1, .max_chars = 100000, .trim = false})
          .value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto e = TRY(app::add_journal_entry(ex, ctx.actor(), ctx.now(), id, visibility, text, format));
    respond(ctx, 201, entry_json(e));
    return {};
  });
}

Status journal(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto page = TRY(page_request(ctx, "journal"));
  std::vector<app::JournalEntry> entries;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    entries = TRY(app::list_journal(ex, ctx.actor(), id, page.after_id, page.limit + 1));
    return {};
  }));
  boost::json::array items;
  std::optional<std::int64_t> next;
  for (const auto& e : entries) {
    if (static_cast<int>(items.size()) == page.limit) {
      next = entries[items.size() - 1].id;
      break;
    }
    items.push_back(entry_json(e));
  }
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = next ? boost::json::value(encode_cursor("journal", *next)) : nullptr;
  respond(ctx, 200, out);
  return {};
}

// The ticket's SLA clocks, each with its explanation, as of now.
Status sla_clocks(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::string body;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    TRY_VOID(app::get_ticket(ex, ctx.actor(), id));
    auto computed = TRY(app::compute_ticket_clocks(ex, id, ctx.now()));
    body = sla::clocks_json(computed.clocks, computed.calendars);
    return {};
  }));
  ctx.json(200, std::move(body));
  return {};
}

Status lifecycle(ApiContext& ctx) {
  const auto kind = TRY(app::kind_info(ctx.params.get("kind")));
  const auto& l = kind->lifecycle;
  boost::json::array states, transitions;
  for (const auto& s : l.states) {
    states.push_back({{"name", s.name},
                      {"label", {{"zh-CN", s.label_zh}, {"en", s.label_en}}},
                      {"category", ticket::category_name(s.category)},
                      {"required", boost::json::value_from(s.required_fields)},
                      {"read_only", boost::json::value_from(s.read_only_fields)}});
  }
  for (const auto& t : l.transitions) {
    transitions.push_back({{"name", t.name},
                           {"label", {{"zh-CN", t.label_zh}, {"en", t.label_en}}},
                           {"from", boost::json::value_from(t.from)},
                           {"to", t.to},
                           {"requires", boost::json::value_from(t.required)},
                           {"permission", t.permission}});
  }
  respond(ctx, 200,
          boost::json::object{{"kind", l.kind},
                              {"prefix", l.prefix},
                              {"label", {{"zh-CN", kind->label_zh}, {"en", kind->label_en}}},
                              {"initial", l.initial},
                              {"states", std::move(states)},
                              {"transitions", std::move(transitions)}});
  return {};
}

}  // namespace

void add_ticket_routes(Router& router) {
  router.add({"GET", "/api/v1/tickets", "listTickets", Access::permission, "ticket.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/tickets", "createTicket", Access::permission, "ticket.create",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/tickets/{id}", "getTicket", Access::permission, "ticket.read",
              BodyKind::none, get});
  router.add({"PATCH", "/api/v1/tickets/{id}", "updateTicket", Access::permission, "ticket.write",
              BodyKind::json, patch});
  router.add({"GET", "/api/v1/tickets/{id}/transitions", "listTicketTransitions",
              Access::permission, "ticket.read", BodyKind::none, transitions});
  router.add({"POST", "/api/v1/tickets/{id}/transitions", "transitionTicket", Access::permission,
              "ticket.read", BodyKind::json, transition});
  router.add({"GET", "/api/v1/tickets/{id}/journal", "listTicketJournal", Access::permission,
              "ticket.read", BodyKind::none, journal});
  router.add({"POST", "/api/v1/tickets/{id}/journal", "addTicketJournalEntry", Access::permission,
              "ticket.read", BodyKind::json, add_entry});
  router.add({"GET", "/api/v1/tickets/{id}/sla", "getTicketSla", Access::permission, "ticket.read",
              BodyKind::none, sla_clocks});
  router.add({"GET", "/api/v1/lifecycles/{kind}", "getLifecycle", Access::authenticated, "",
              BodyKind::none, lifecycle});
}

}  // namespace fuwu::http
