#include "app/work_orders/work_order.h"

#include <boost/json.hpp>

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "w.wo_kind, w.unit_id, COALESCE(u.serial, ''), w.part_code, w.fault, w.service_centre_id, "
    "w.reported_on, w.in_warranty, w.warranty_reason, w.warranty_basis, w.warranty_ends_on, "
    "w.warranty_explanation_zh, w.warranty_explanation_en, w.quote_required, w.contract, "
    "w.target_rule, w.time_basis, w.calendar, w.road_factor, w.great_circle_km, w.distance_km, "
    "w.site_point, w.tier, w.onsite_hours, w.onsite_days, w.answer_hours, "
    "w.target_explanation_zh, w.target_explanation_en, w.appointment_at";

std::optional<double> real(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.f64(i);
}

boost::json::object terms_json(const aftersales::ResponseTerms& t) {
  boost::json::array tiers;
  for (const auto& tier : t.tiers) {
    tiers.push_back(
        {{"max_km", tier.max_km ? boost::json::value(*tier.max_km) : boost::json::value(nullptr)},
         {"hours", tier.hours}});
  }
  return {{"rule", aftersales::target_rule_name(t.rule)},
          {"basis", aftersales::time_basis_name(t.basis)},
          {"road_factor", t.road_factor},
          {"tiers", std::move(tiers)},
          {"same_city_days", t.same_city_days},
          {"same_province_days", t.same_province_days},
          {"other_province_days", t.other_province_days},
          {"answer_hours", t.answer_hours}};
}

aftersales::ResponseTerms terms_from_json(const std::string& text) {
  aftersales::ResponseTerms t;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return t;
  const auto& o = v.as_object();
  auto number = [&](const char* key, double fallback) {
    const auto* f = o.if_contains(key);
    return f && f->is_number() ? f->to_number<double>() : fallback;
  };
  if (const auto* r = o.if_contains("rule"); r && r->is_string()) {
    t.rule = aftersales::parse_target_rule(r->as_string()).value_or(t.rule);
  }
  if (const auto* b = o.if_contains("basis"); b && b->is_string()) {
    t.basis = aftersales::parse_time_basis(b->as_string()).value_or(t.basis);
  }
  t.road_factor = number("road_factor", t.road_factor);
  if (const auto* tiers = o.if_contains("tiers"); tiers && tiers->is_array()) {
    t.tiers.clear();
    for (const auto& tv : tiers->as_array()) {
      const auto& to = tv.as_object();
      aftersales::DistanceTier tier;
      if (const auto* m = to.if_contains("max_km"); m && m->is_number()) {
        tier.max_km = m->to_number<double>();
      }
      tier.hours = static_cast<int>(to.at("hours").to_number<double>());
      t.tiers.push_back(tier);
    }
  }
  t.same_city_days = static_cast<int>(number("same_city_days", t.same_city_days));
  t.same_province_days = static_cast<int>(number("same_province_days", t.same_province_days));
  t.other_province_days = static_cast<int>(number("other_province_days", t.other_province_days));
  t.answer_hours = static_cast<int>(number("answer_hours", t.answer_hours));
  return t;
}

}  // namespace

std::string response_terms_text(const aftersales::ResponseTerms& t) {
  return boost::json::serialize(terms_json(t));
}

Result<std::optional<WorkOrder>> find_work_order(store::Executor& ex, std::int64_t ticket_id) {
  auto t = TRY(find_ticket(ex, ticket_id));
  if (!t || t->kind != "work_order") return std::optional<WorkOrder>();
  auto row = TRY(ex.query_one(std::string("SELECT ") + kColumns +
                                  " FROM work_orders w LEFT JOIN units u ON u.id = w.unit_id "
                                  "WHERE w.ticket_id = $1",
                              {ticket_id}));
  if (!row) return std::optional<WorkOrder>();
  const auto& r = *row;
  WorkOrder w;
  w.ticket = std::move(*t);
  w.wo_kind = r.text(0);
  w.unit_id = r.i64(1);
  w.unit_serial = r.text(2);
  w.part_code = r.text(3);
  w.fault = r.text(4);
  w.service_centre_id = r.i64(5);
  w.reported_on = parse_date(r.text(6)).value_or(Date{});
  w.in_warranty = r.i64(7) != 0;
  w.warranty_reason = r.text(8);
  w.warranty_basis = r.text(9);
  if (!r.is_null(10)) w.warranty_ends_on = parse_date(r.text(10));
  w.warranty_explanation_zh = r.text(11);
  w.warranty_explanation_en = r.text(12);
  w.quote_required = r.i64(13) != 0;
  w.contract = r.text(14);
  w.target_rule = r.text(15);
  w.time_basis = r.text(16);
  w.calendar = r.text(17);
  w.road_factor = r.f64(18);
  w.great_circle_km = real(r, 19);
  w.distance_km = real(r, 20);
  w.site_point = r.text(21);
  w.tier = r.text(22);
  w.onsite_hours = r.i64(23);
  w.onsite_days = r.i64(24);
  w.answer_hours = r.i64(25);
  w.target_explanation_zh = r.text(26);
  w.target_explanation_en = r.text(27);
  if (!r.is_null(28)) w.appointment_at = parse_rfc3339(r.text(28));
  return std::optional<WorkOrder>(std::move(w));
}

access::RecordOwnership work_order_ownership(const Ticket& t) {
  // "own" reaches the engineer the order is dispatched to.
  return {
      .organisation_id = t.organisation_id, .owner_user_id = t.assignee_id, .group_id = t.group_id};
}

Result<ResponseTermsRecord> terms_for(store::Executor& ex, std::int64_t organisation_id) {
  auto row =
      TRY(ex.query_one("SELECT organisation_id, contract, terms, version FROM response_terms "
                       "WHERE organisation_id IN ($1, 0) ORDER BY organisation_id DESC",
                       {organisation_id}));
  ResponseTermsRecord out;
  if (!row) return out;
  out.organisation_id = row->i64(0);
  out.contract = row->text(1);
  out.terms = terms_from_json(row->text(2));
  out.version = row->i64(3);
  return out;
}

}  // namespace fuwu::app
