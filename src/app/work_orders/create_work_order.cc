#include <boost/json.hpp>

#include "app/kpi/kpi.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/service_centres/service_centre.h"
#include "app/sites/site.h"
#include "app/units/unit.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {
namespace {

bool valid_wo_kind(std::string_view k) {
  return k == "repair" || k == "installation" || k == "training" || k == "maintenance" ||
         k == "inspection";
}

// The record's own SLA policy: answer the customer, and be on site, as the terms say; every clock
// pauses while the order waits for the customer's decision on a quote or for parts.
std::string sla_policy_json(const aftersales::ResponseTerms& terms,
                            const aftersales::OnsiteTarget& target, const std::string& calendar) {
  const bool working = terms.basis == aftersales::TimeBasis::working;
  boost::json::object answer{
      {"kind", "first_response"}, {"calendar", calendar}, {"working_hours", terms.answer_hours}};
  boost::json::object onsite{{"kind", "onsite"}, {"calendar", calendar}};
  if (target.days > 0) {
    if (working) {
      onsite["working_days"] = target.days;
    } else {
      onsite["working_hours"] = target.days * 24;
    }
  } else {
    onsite["working_hours"] = target.hours;
  }
  boost::json::object policy{{"id", "work-order"},
                             {"name", "工单响应目标 / Work order response targets"},
                             {"pause_states", boost::json::array{"quoted", "waiting_parts"}},
                             {"targets", boost::json::array{answer, onsite}}};
  return boost::json::serialize(boost::json::object{{"policies", boost::json::array{policy}}});
}

Date today_in_china(Instant now) {
  return civil_from_days((now.unix_seconds + 8 * 3600) / 86400);
}

}  // namespace

Result<WorkOrder> create_work_order(store::Executor& ex, const Actor& actor, Instant now,
                                    const NewWorkOrder& in) {
  if (!access::can(actor.principal, "work_order.create")) {
    return Error(ErrorCode::permission_denied, "you may not report work orders");
  }
  Error invalid(ErrorCode::validation_failed, "the work order is not valid");
  if (!valid_wo_kind(in.wo_kind)) {
    invalid.with_field("kind", "not_allowed",
                       "repair, installation, training, maintenance or inspection");
  }
  // The unit, by id or serial number; one the caller may not see does not exist.
  std::optional<Unit> unit;
  if (in.unit_id) {
    unit = TRY(find_unit(ex, *in.unit_id));
  } else if (in.serial) {
    unit = TRY(find_unit_by_serial(ex, *in.serial));
  }
  if (unit && !unit_visible(actor, "unit.read", unit->organisation_id)) unit.reset();
  if (!unit) {
    const char* field = in.unit_id ? "unit_id" : "serial";
    invalid.with_field(field, in.unit_id || in.serial ? "not_found" : "required",
                       "the serial number of a registered unit");
    return invalid;
  }
  if (!access::may(actor.principal, "work_order.create",
                   {.organisation_id = unit->organisation_id})) {
    return Error(ErrorCode::permission_denied, "you may not report work orders for this customer");
  }
  const std::int64_t site_id = in.site_id ? in.site_id : unit->site_id;
  if (site_id == 0) {
    invalid.with_field("site_id", "required", "the unit has no site: name the site to visit");
    return invalid;
  }
  auto site = TRY(find_site(ex, site_id));
  if (!site || site->organisation_id != unit->organisation_id) {
    invalid.with_field("site_id", "not_found", "no such site of the unit's customer");
    return invalid;
  }
  const auto site_at = TRY(site_location(ex, site_id));

  // Warranty on the day the fault is reported.
  const Date reported_on = in.reported_on.value_or(today_in_china(now));
  auto warranty = warranty_of(ex, *unit, in.part_code, reported_on);
  if (!warranty.ok()) {
    invalid.with_field("part_code", "not_found", "a major part of the unit's model");
    return invalid;
  }
  const auto& status = in.part_code.empty() ? warranty->whole : warranty->parts.at(0);

  // The serving centre: as given, else the first whose territory holds the site's province.
  std::optional<ServiceCentre> centre;
  if (in.service_centre_id) {
    centre = TRY(find_service_centre(ex, in.service_centre_id));
    if (!centre) invalid.with_field("service_centre_id", "not_found", "no such service centre");
  } else {
    centre = TRY(serving_centre(ex, site->region_code));
    if (!centre) {
      invalid.with_field("service_centre_id", "required",
                         "no service centre's territory holds the site's province: name one");
    }
  }
  if (!invalid.fields.empty()) return invalid;

  const auto terms = TRY(terms_for(ex, unit->organisation_id));
  const auto target =
      TRY(aftersales::onsite_target(terms.terms, centre_location(*centre), site_at));
  const bool working = terms.terms.basis == aftersales::TimeBasis::working;
  const std::string calendar = working ? centre->calendar : "24x7";

  NewTicket ticket;
  ticket.kind = "work_order";
  ticket.permission = "work_order.create";
  ticket.title = in.title.empty() ? unit->serial + " " + in.fault.substr(0, 120) : in.title;
  ticket.description = in.fault;
  ticket.organisation_id = unit->organisation_id;
  ticket.requester_id = in.requester_id;
  ticket.site_id = site_id;
  ticket.channel = in.channel;
  ticket.sla_policy_json = sla_policy_json(terms.terms, target, calendar);
  const Ticket t = TRY(create_ticket(ex, actor, now, ticket));

  const bool quote_required = !status.in_warranty && in.wo_kind == "repair";
  auto opt_real = [](const std::optional<double>& v) { return store::opt(v); };
  TRY_VOID(ex.exec(
      "INSERT INTO work_orders (ticket_id, wo_kind, unit_id, part_code, fault, service_centre_id, "
      "reported_on, in_warranty, warranty_reason, warranty_basis, warranty_ends_on, "
      "warranty_explanation_zh, warranty_explanation_en, quote_required, contract, target_rule, "
      "time_basis, calendar, road_factor, great_circle_km, distance_km, site_point, tier, "
      "onsite_hours, onsite_days, answer_hours, target_explanation_zh, target_explanation_en) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
      "$19, $20, $21, $22, $23, $24, $25, $26, $27, $28)",
      {t.id,
       in.wo_kind,
       unit->id,
       in.part_code,
       in.fault,
       centre->id,
       format_date(reported_on),
       std::int64_t{status.in_warranty ? 1 : 0},
       std::string(aftersales::reason_name(status.reason)),
       status.basis ? std::string(aftersales::basis_name(*status.basis)) : std::string(),
       store::opt(date_text(status.ends_on)),
       aftersales::explain_zh(status),
       aftersales::explain_en(status),
       std::int64_t{quote_required ? 1 : 0},
       terms.contract,
       std::string(aftersales::target_rule_name(terms.terms.rule)),
       std::string(aftersales::time_basis_name(terms.terms.basis)),
       calendar,
       terms.terms.road_factor,
       opt_real(target.distance ? std::optional(target.distance->great_circle_km) : std::nullopt),
       opt_real(target.distance ? std::optional(target.distance->km) : std::nullopt),
       std::string(aftersales::point_source_name(site_at.source)),
       target.tier,
       target.hours,
       target.days,
       std::int64_t{terms.terms.answer_hours},
       target.explanation_zh,
       target.explanation_en}));
  TRY_VOID(write_audit(ex, actor, now, "ticket", t.id, "work_order",
                       {{"wo_kind", std::nullopt, in.wo_kind},
                        {"unit_id", std::nullopt, std::to_string(unit->id)},
                        {"service_centre_id", std::nullopt, std::to_string(centre->id)},
                        {"in_warranty", std::nullopt, status.in_warranty ? "true" : "false"},
                        {"warranty", std::nullopt, aftersales::explain_en(status)},
                        {"target", std::nullopt, target.explanation_en}}));
  // Service-quality figures (app/kpi): the order's facts; a repeat of the unit's last repair.
  TRY_VOID(refresh_work_order_facts(ex, t.id, now));
  if (in.wo_kind == "repair") TRY_VOID(note_repeat_repair(ex, t.id, unit->id, now));
  TRY_VOID(emit_event(ex, actor, now, "work_order.created", "ticket", t.id,
                      "{\"number\":\"" + t.number + "\"}"));
  auto created = TRY(find_work_order(ex, t.id));
  return *created;
}

}  // namespace fuwu::app
