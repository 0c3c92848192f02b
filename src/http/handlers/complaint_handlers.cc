// /api/v1/complaints: complaints (投诉) — tickets of kind complaint with their facts, the steps of
// the flow of seed 004 §5.1.18 and the 5-working-day deadline with its SLA clock. See
// app/complaints/complaint.h for the rules.
#include "app/complaints/complaint.h"
#include "app/sla/sla_json.h"
#include "app/tickets/sla_clocks.h"
#include "domain/crm/complaint.h"
#include "domain/sla/clock.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kTitle{.max_chars = 200, .single_line = true};
constexpr TextRule kText{.min_chars = 1, .max_chars = 10000};
constexpr TextRule kNote{.max_chars = 4000};
constexpr TextRule kName{.max_chars = 100, .single_line = true};
constexpr TextRule kWord{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr IntRange kId{.min = 1};

boost::json::value opt_bool(const std::optional<bool>& b) {
  return b ? boost::json::value(*b) : boost::json::value(nullptr);
}

boost::json::object complaint_json(const app::Actor& actor, const app::Complaint& c, Instant now) {
  boost::json::object o = ticket_json(c.ticket);
  boost::json::array steps;
  for (const auto* def : app::complaint_transitions(actor, c)) {
    steps.push_back(
        {{"name", def->name}, {"label", {{"zh-CN", def->label_zh}, {"en", def->label_en}}}});
  }
  const bool open = !c.closed_at.has_value();
  const Instant until = c.closed_at.value_or(now);
  o["complaint"] = boost::json::object{
      {"channel", c.channel},
      {"organisation_id", c.organisation_id},
      {"contact_id", opt_id(c.contact_id)},
      {"contact_name", c.contact_name},
      {"contact_phone", c.contact_phone},
      {"about", c.about},
      {"severity", c.severity},
      {"work_order_id", opt_id(c.work_order_id)},
      {"related_ticket_id", opt_id(c.related_ticket_id)},
      {"engineer_id", opt_id(c.engineer_id)},
      {"product_model_id", opt_id(c.product_model_id)},
      {"follow_up_id", opt_id(c.follow_up_id)},
      {"is_complaint", opt_bool(c.is_complaint)},
      {"routed_to_id", opt_id(c.routed_to_id)},
      {"head_id", opt_id(c.head_id)},
      {"cause", c.cause},
      {"attributable", opt_bool(c.attributable)},
      {"human_factor", opt_bool(c.human_factor)},
      {"responsible_id", opt_id(c.responsible_id)},
      {"disciplinary_note", c.disciplinary_note},
      {"support_request", c.support_request},
      {"remedy", c.remedy},
      {"remedy_rounds", c.remedy_rounds},
      {"remedy_proposed_at", opt_time(c.remedy_proposed_at)},
      {"customer_agreed_at", opt_time(c.customer_agreed_at)},
      {"solution", c.solution},
      {"carried_out_at", opt_time(c.carried_out_at)},
      {"customer_informed_at", opt_time(c.customer_informed_at)},
      {"improvement_action", c.improvement_action},
      {"calendar", c.calendar},
      {"received_at", instant_json(c.received_at)},
      {"due_at", instant_json(c.due_at)},
      {"closed_at", opt_time(c.closed_at)},
      // Met when closed at or before the deadline; breached once past it.
      {"deadline_state", until > c.due_at ? "breached" : (open ? "running" : "met")}};
  // The 8-working-hour limits of seed 004 §5.1.18 (inform: the solution told to the customer;
  // remedy: a human factor's remedy carried out), as far as they are set; none for one routed
  // away as not a customer complaint.
  boost::json::array limits;
  for (const auto& [kind, due, done] : {std::tuple{"inform", c.inform_due_at, c.remedy_proposed_at},
                                        std::tuple{"remedy", c.remedy_due_at, c.carried_out_at}}) {
    if (!due || c.is_complaint == false) continue;
    limits.push_back({{"kind", kind},
                      {"due_at", instant_json(*due)},
                      {"met_at", opt_time(done)},
                      {"state", crm::limit_state_slug(crm::limit_state(
                                    *due, done, c.closed_at && !done ? *c.closed_at : now))}});
  }
  o["complaint"].as_object()["limits"] = std::move(limits);
  o["steps"] = std::move(steps);
  return o;
}

void respond_complaint(ApiContext& ctx, int status, const app::Complaint& c,
                       std::optional<boost::json::value> clocks = std::nullopt) {
  ctx.response.set_header("ETag", etag(c.ticket.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/complaints/" + std::to_string(c.ticket.id));
  }
  auto o = complaint_json(ctx.actor(), c, ctx.now());
  if (clocks) o["sla"] = std::move(*clocks);
  respond(ctx, status, o);
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "complaints"));
  app::ComplaintFilter f;
  f.state = ctx.query("state");
  f.state_category = ctx.query("state_category");
  f.severity = ctx.query("severity");
  f.about = ctx.query("about");
  f.organisation_id = TRY(id_query(ctx, "organisation_id"));
  f.work_order_id = TRY(id_query(ctx, "work_order_id"));
  f.open_only = ctx.query("open") == std::optional<std::string>("true");
  app::ComplaintPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_complaints(ex, ctx.actor(), f, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& c : result.items)
    items.push_back(complaint_json(ctx.actor(), c, ctx.now()));
  respond_page(ctx, std::move(items), "complaints", result.next_before_id);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewComplaint in;
  in.channel = r.one_of("channel", {"call", "letter", "visit", "portal", "email"}).value_or("");
  in.about = r.one_of("about", {"engineer", "work_order", "product", "attitude", "fees"},
                      Presence::required)
                 .value_or("");
  in.severity = r.one_of("severity", {"normal", "major"}).value_or("normal");
  in.title = r.text("title", Presence::optional, kTitle).value_or("");
  in.description = r.text("description", Presence::required, kText).value_or("");
  in.organisation_id = r.integer("organisation_id", Presence::optional, kId).value_or(0);
  in.contact_id = r.integer("contact_id", Presence::optional, kId).value_or(0);
  in.contact_name = r.text("contact_name", Presence::optional, kName).value_or("");
  in.contact_phone = r.text("contact_phone", Presence::optional, kName).value_or("");
  in.work_order_id = r.integer("work_order_id", Presence::optional, kId).value_or(0);
  in.related_ticket_id = r.integer("related_ticket_id", Presence::optional, kId).value_or(0);
  in.engineer_id = r.integer("engineer_id", Presence::optional, kId).value_or(0);
  in.product_model_id = r.integer("product_model_id", Presence::optional, kId).value_or(0);
  in.received_at = r.instant("received_at");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::create_complaint(ex, ctx.actor(), ctx.now(), in));
    respond_complaint(ctx, 201, c);
    return {};
  });
}

Status get(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto c = TRY(app::get_complaint(ex, ctx.actor(), id));
    auto computed = TRY(app::compute_ticket_clocks(ex, id, ctx.now()));
    respond_complaint(ctx, 200, c,
                      boost::json::parse(sla::clocks_json(computed.clocks, computed.calendars)));
    return {};
  });
}

Status transition(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::ComplaintStep s;
  s.transition = r.text("transition", Presence::required, kWord).value_or("");
  s.routed_to_id = r.integer("routed_to_id", Presence::optional, kId).value_or(0);
  s.head_id = r.integer("head_id", Presence::optional, kId).value_or(0);
  s.cause = r.text("cause", Presence::optional, kNote).value_or("");
  s.attributable = r.boolean("attributable");
  s.responsible_id = r.integer("responsible_id", Presence::optional, kId).value_or(0);
  s.disciplinary_note = r.text("disciplinary_note", Presence::optional, kNote).value_or("");
  s.support_request = r.text("support_request", Presence::optional, kNote).value_or("");
  s.remedy = r.text("remedy", Presence::optional, kNote).value_or("");
  s.solution = r.text("solution", Presence::optional, kNote).value_or("");
  s.improvement_action = r.text("improvement_action", Presence::optional, kNote).value_or("");
  s.comment = r.text("comment", Presence::optional, kNote).value_or("");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::transition_complaint(ex, ctx.actor(), ctx.now(), id, version, s));
    respond_complaint(ctx, 200, c);
    return {};
  });
}

}  // namespace

void add_complaint_routes(Router& router) {
  router.add({"GET", "/api/v1/complaints", "listComplaints", Access::permission, "complaint.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/complaints", "createComplaint", Access::permission,
              "complaint.create", BodyKind::json, create});
  router.add({"GET", "/api/v1/complaints/{id}", "getComplaint", Access::permission,
              "complaint.read", BodyKind::none, get});
  router.add({"POST", "/api/v1/complaints/{id}/transitions", "transitionComplaint",
              Access::permission, "complaint.read", BodyKind::json, transition});
}

}  // namespace fuwu::http
