// /api/v1/work-orders: after-sales work orders (tickets of kind work_order) with warranty, serving
// centre, response target and engineer; their lifecycle transitions; and the customers' response
// terms. See app/work_orders/work_order.h for the rules.
#include <algorithm>
#include <initializer_list>

#include "app/work_orders/work_order.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kTitle{.max_chars = 200, .single_line = true};
constexpr TextRule kFault{.min_chars = 1, .max_chars = 10000};
constexpr TextRule kSerial{.min_chars = 1, .max_chars = 60, .single_line = true};
constexpr TextRule kWord{.min_chars = 1, .max_chars = 40, .single_line = true};
constexpr TextRule kReason{.max_chars = 4000};
constexpr TextRule kContract{.max_chars = 100, .single_line = true};
constexpr IntRange kId{.min = 1};

const std::initializer_list<std::string_view> kKinds = {"repair", "installation", "training",
                                                        "maintenance", "inspection"};

bool aftersales_kind_known(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

boost::json::value opt_number(const std::optional<double>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object work_order_json(const app::WorkOrder& w) {
  boost::json::object o = ticket_json(w.ticket);
  o["work_order"] = boost::json::object{
      {"kind", w.wo_kind},
      {"unit_id", opt_id(w.unit_id)},
      {"serial", w.unit_serial},
      {"part_code",
       w.part_code.empty() ? boost::json::value(nullptr) : boost::json::value(w.part_code)},
      {"fault", w.fault},
      {"service_centre_id", w.service_centre_id},
      {"engineer_id", opt_id(w.ticket.assignee_id)},
      {"reported_on", format_date(w.reported_on)},
      {"appointment_at", opt_time(w.appointment_at)},
      {"warranty",
       boost::json::object{
           {"in_warranty", w.in_warranty},
           {"reason", w.warranty_reason},
           {"basis", w.warranty_basis.empty() ? boost::json::value(nullptr)
                                              : boost::json::value(w.warranty_basis)},
           {"ends_on", w.warranty_ends_on ? boost::json::value(format_date(*w.warranty_ends_on))
                                          : boost::json::value(nullptr)},
           {"explanation_zh", w.warranty_explanation_zh},
           {"explanation_en", w.warranty_explanation_en},
           {"quote_required", w.quote_required}}},
      {"target", boost::json::object{{"contract", w.contract},
                                     {"rule", w.target_rule},
                                     {"time_basis", w.time_basis},
                                     {"calendar", w.calendar},
                                     {"road_factor", w.road_factor},
                                     {"great_circle_km", opt_number(w.great_circle_km)},
                                     {"distance_km", opt_number(w.distance_km)},
                                     {"site_point", w.site_point},
                                     {"tier", w.tier},
                                     {"onsite_hours", w.onsite_hours},
                                     {"onsite_days", w.onsite_days},
                                     {"answer_hours", w.answer_hours},
                                     {"explanation_zh", w.target_explanation_zh},
                                     {"explanation_en", w.target_explanation_en}}}};
  return o;
}

void respond_work_order(ApiContext& ctx, int status, const app::WorkOrder& w) {
  ctx.response.set_header("ETag", etag(w.ticket.version));
  if (status == 201) {
    ctx.response.set_header("Location", "/api/v1/work-orders/" + std::to_string(w.ticket.id));
  }
  respond(ctx, status, work_order_json(w));
}

boost::json::object terms_json(const app::ResponseTermsRecord& r) {
  boost::json::array tiers;
  for (const auto& t : r.terms.tiers) {
    tiers.push_back(
        {{"max_km", t.max_km ? boost::json::value(*t.max_km) : boost::json::value(nullptr)},
         {"hours", t.hours}});
  }
  return {{"organisation_id", r.organisation_id},
          {"inherited", r.inherited},
          {"contract", r.contract},
          {"rule", aftersales::target_rule_name(r.terms.rule)},
          {"time_basis", aftersales::time_basis_name(r.terms.basis)},
          {"road_factor", r.terms.road_factor},
          {"tiers", std::move(tiers)},
          {"same_city_days", r.terms.same_city_days},
          {"same_province_days", r.terms.same_province_days},
          {"other_province_days", r.terms.other_province_days},
          {"answer_hours", r.terms.answer_hours},
          {"version", r.version}};
}

void respond_terms(ApiContext& ctx, int status, const app::ResponseTermsRecord& r) {
  ctx.response.set_header("ETag", etag(r.version));
  respond(ctx, status, terms_json(r));
}

Status list(ApiContext& ctx) {
  auto page = TRY(page_request(ctx, "work-orders"));
  app::WorkOrderFilter f;
  f.state = ctx.query("state");
  f.engineer_id = TRY(id_query(ctx, "engineer_id"));
  f.service_centre_id = TRY(id_query(ctx, "service_centre_id"));
  f.unit_id = TRY(id_query(ctx, "unit_id"));
  f.organisation_id = TRY(id_query(ctx, "organisation_id"));
  f.wo_kind = ctx.query("kind");
  if (f.wo_kind && !aftersales_kind_known(*f.wo_kind)) {
    return Error(ErrorCode::invalid_request, "unknown work order kind")
        .with_field("kind", "not_allowed",
                    "repair, installation, training, maintenance or inspection");
  }
  if (ctx.query("overdue") == std::optional<std::string>("true")) {
    f.due_before = format_rfc3339(ctx.now());
  }
  const auto order = ctx.query("order").value_or("newest");
  if (order != "newest" && order != "oldest") {
    return Error(ErrorCode::invalid_request, "order is newest or oldest")
        .with_field("order", "not_allowed", "newest or oldest");
  }
  f.oldest_first = order == "oldest";
  app::WorkOrderPage result;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    result = TRY(app::list_work_orders(ex, ctx.actor(), f, page.after_id, page.limit));
    return {};
  }));
  boost::json::array items;
  for (const auto& w : result.items)
    items.push_back(work_order_json(w));
  respond_page(ctx, std::move(items), "work-orders", result.next_before_id);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewWorkOrder in;
  in.wo_kind = r.one_of("kind", kKinds).value_or("repair");
  in.title = r.text("title", Presence::optional, kTitle).value_or("");
  in.fault = r.text("fault", Presence::required, kFault).value_or("");
  in.channel =
      r.one_of("channel", {"phone", "letter", "walk_in", "portal", "email", "api"}).value_or("");
  in.unit_id = r.integer("unit_id", Presence::optional, kId);
  in.serial = r.text("serial", Presence::optional, kSerial);
  in.part_code = r.text("part_code", Presence::optional, kWord).value_or("");
  in.site_id = r.integer("site_id", Presence::optional, kId).value_or(0);
  in.service_centre_id = r.integer("service_centre_id", Presence::optional, kId).value_or(0);
  in.requester_id = r.integer("requester_id", Presence::optional, kId).value_or(0);
  in.reported_on = r.date("reported_on");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto w = TRY(app::create_work_order(ex, ctx.actor(), ctx.now(), in));
    respond_work_order(ctx, 201, w);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_work_order, respond_work_order);
}

Status transition(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::WorkOrderTransition in;
  in.transition = r.text("transition", Presence::required, kWord).value_or("");
  in.engineer_id = r.integer("engineer_id", Presence::optional, kId).value_or(0);
  in.reason = r.text("reason", Presence::optional, kReason).value_or("");
  in.resolution = r.text("resolution", Presence::optional, kReason);
  in.appointment_at = r.instant("appointment_at");
  in.appointment_ends_at = r.instant("appointment_ends_at");
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto w = TRY(app::transition_work_order(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_work_order(ctx, 200, w);
    return {};
  });
}

// {organisation_id}: 0 for the default terms.
Result<std::int64_t> organisation_param(const ApiContext& ctx) {
  if (ctx.params.get("organisation_id") == "0") return std::int64_t{0};
  return ctx.id_param("organisation_id");
}

Status get_terms(ApiContext& ctx) {
  const auto org = TRY(organisation_param(ctx));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto t = TRY(app::get_response_terms(ex, ctx.actor(), org));
    respond_terms(ctx, 200, t);
    return {};
  });
}

Status put_terms(ApiContext& ctx) {
  const auto org = TRY(organisation_param(ctx));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  const std::string contract = r.text("contract", Presence::optional, kContract).value_or("");
  aftersales::ResponseTerms t;
  if (auto rule = r.one_of("rule", {"distance_tier", "region"})) {
    t.rule = *aftersales::parse_target_rule(*rule);
  }
  if (auto basis = r.one_of("time_basis", {"working", "calendar"})) {
    t.basis = *aftersales::parse_time_basis(*basis);
  }
  t.road_factor = r.number("road_factor").value_or(1.0);
  if (const auto* raw = r.raw("tiers")) {
    const auto* array = raw->if_array();
    if (array == nullptr) {
      r.add_error(r.pointer_of("tiers"), "wrong_type", "an array of {max_km, hours}");
    } else {
      t.tiers.clear();
      for (std::size_t i = 0; i < array->size() && i < 20; ++i) {
        auto item = BodyReader::from((*array)[i], r.pointer_of("tiers") + "/" + std::to_string(i));
        if (!item.ok()) {
          r.add_errors(Status(std::move(item).error()));
          continue;
        }
        aftersales::DistanceTier tier;
        tier.max_km = item->number("max_km");
        tier.hours = static_cast<int>(
            item->integer("hours", Presence::required, {.min = 1, .max = 2160}).value_or(1));
        r.add_errors(item->finish());
        t.tiers.push_back(tier);
      }
    }
  }
  const IntRange days{.min = 1, .max = 90};
  t.same_city_days =
      static_cast<int>(r.integer("same_city_days", Presence::optional, days).value_or(1));
  t.same_province_days =
      static_cast<int>(r.integer("same_province_days", Presence::optional, days).value_or(3));
  t.other_province_days =
      static_cast<int>(r.integer("other_province_days", Presence::optional, days).value_or(7));
  t.answer_hours = static_cast<int>(
      r.integer("answer_hours", Presence::optional, {.min = 1, .max = 720}).value_or(24));
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto rec = TRY(app::set_response_terms(ex, ctx.actor(), ctx.now(), org, version, contract, t));
    respond_terms(ctx, 200, rec);
    return {};
  });
}

}  // namespace

void add_work_order_routes(Router& router) {
  // The terms' routes come first: "response-terms" is no work order id.
  router.add({"GET", "/api/v1/work-orders/response-terms/{organisation_id}", "getResponseTerms",
              Access::permission, "response_terms.read", BodyKind::none, get_terms});
  router.add({"PUT", "/api/v1/work-orders/response-terms/{organisation_id}", "setResponseTerms",
              Access::permission, "response_terms.write", BodyKind::json, put_terms});
  router.add({"GET", "/api/v1/work-orders", "listWorkOrders", Access::permission, "work_order.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/work-orders", "createWorkOrder", Access::permission,
              "work_order.create", BodyKind::json, create});
  router.add({"GET", "/api/v1/work-orders/{id}", "getWorkOrder", Access::permission,
              "work_order.read", BodyKind::none, get});
  router.add({"POST", "/api/v1/work-orders/{id}/transitions", "transitionWorkOrder",
              Access::permission, "work_order.read", BodyKind::json, transition});
}

}  // namespace fuwu::http
