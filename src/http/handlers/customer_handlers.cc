// /api/v1/customers/{organisation_id}: the customer archive (客户档案) and the customer's care
// settings (key customer, 定期走访, "no units"). See app/customers/customer_archive.h.
#include "app/customers/customer_archive.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

boost::json::value opt_date(const std::optional<Date>& d) {
  return d ? boost::json::value(format_date(*d)) : boost::json::value(nullptr);
}

boost::json::object care_json(const app::CustomerCare& c) {
  return {{"key_customer", c.key_customer},
          {"visit_interval_days", c.visit_interval_days},
          {"visit_method", c.visit_method},
          {"next_visit_on", opt_date(c.next_visit_on)},
          {"no_units", c.no_units},
          {"care_owner_id", opt_id(c.care_owner_id)},
          {"version", c.version}};
}

boost::json::object archive_json(const app::CustomerArchive& a) {
  boost::json::array sites, contacts, units, gaps;
  for (const auto& s : a.sites)
    sites.push_back({{"id", s.id}, {"name", s.name}, {"address", s.address}});
  for (const auto& c : a.contacts) {
    contacts.push_back({{"id", c.id},
                        {"display_name", c.display_name},
                        {"email", c.email},
                        {"phone", c.phone},
                        {"kind", c.kind}});
  }
  for (const auto& u : a.units) {
    units.push_back({{"id", u.id},
                     {"serial", u.serial},
                     {"model_code", u.model_code},
                     {"model_name", {{"zh-CN", u.model_name_zh}, {"en", u.model_name_en}}},
                     {"site_id", opt_id(u.site_id)},
                     {"warranty",
                      {{"in_warranty", u.in_warranty},
                       {"reason", u.warranty_reason},
                       {"ends_on", opt_date(u.warranty_ends_on)}}}});
  }
  for (const auto& g : a.gaps) {
    gaps.push_back({{"item", g.item}, {"label", {{"zh-CN", g.label_zh}, {"en", g.label_en}}}});
  }
  boost::json::object records;
  for (const auto& [name, items] : a.sections) {
    boost::json::array list;
    for (const auto& r : items) {
      list.push_back({{"kind", r.kind},
                      {"id", r.id},
                      {"number", r.number},
                      {"title", r.title},
                      {"state", r.state},
                      {"at", instant_json(r.at)}});
    }
    records[name] = std::move(list);
  }
  boost::json::value terms = nullptr;
  if (!a.response_terms.empty()) {
    boost::system::error_code ec;
    terms = boost::json::parse(a.response_terms, ec);
    if (ec) terms = nullptr;
  }
  return {{"organisation",
           {{"id", a.organisation_id},
            {"name", a.name},
            {"kind", a.kind},
            {"code", a.code},
            {"region_code", a.region_code}}},
          {"sites", std::move(sites)},
          {"contacts", std::move(contacts)},
          {"units", std::move(units)},
          {"contract",
           {{"contract", a.contract},
            {"response_terms", std::move(terms)},
            {"inherited", a.response_terms_inherited}}},
          {"records", std::move(records)},
          {"care", care_json(a.care)},
          {"archive",
           {{"complete", a.gaps.empty()},
            {"gaps", std::move(gaps)},
            {"facts",
             {{"contacts", a.facts.contacts},
              {"sites_with_address", a.facts.sites_with_address},
              {"units", a.facts.units},
              {"no_units_declared", a.facts.no_units_declared}}},
            {"first_contact_at", opt_time(a.care.first_contact_at)},
            {"task_id", opt_id(a.care.archive_task_id)},
            {"due_at", opt_time(a.archive_due_at)},
            {"completed_at", opt_time(a.care.archive_completed_at)}}}};
}

Result<std::int64_t> organisation_param(const ApiContext& ctx) {
  return ctx.id_param("organisation_id");
}

Status get_archive(ApiContext& ctx) {
  const auto org = TRY(organisation_param(ctx));
  return ctx.read([&](store::Executor& ex) -> Status {
    auto a = TRY(app::get_customer_archive(ex, ctx.actor(), ctx.now(), org));
    ctx.response.set_header("ETag", etag(a.care.version));
    respond(ctx, 200, archive_json(a));
    return {};
  });
}

Status put_care(ApiContext& ctx) {
  const auto org = TRY(organisation_param(ctx));
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::CustomerCarePatch p;
  p.key_customer = r.boolean("key_customer");
  if (auto d = r.integer("visit_interval_days", Presence::optional, {.min = 0, .max = 366})) {
    p.visit_interval_days = static_cast<int>(*d);
  }
  p.visit_method = r.one_of("visit_method", {"phone", "visit", "letter", "message"});
  if (r.is_null("next_visit_on")) {
    p.next_visit_on = std::optional<Date>();
  } else if (auto d = r.date("next_visit_on")) {
    p.next_visit_on = std::optional<Date>(*d);
  }
  p.no_units = r.boolean("no_units");
  if (r.is_null("care_owner_id")) {
    p.care_owner_id = 0;
  } else if (auto id = r.integer("care_owner_id", Presence::optional, {.min = 1})) {
    p.care_owner_id = *id;
  }
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto c = TRY(app::set_customer_care(ex, ctx.actor(), ctx.now(), org, version, p));
    ctx.response.set_header("ETag", etag(c.version));
    respond(ctx, 200, care_json(c));
    return {};
  });
}

}  // namespace

void add_customer_routes(Router& router) {
  router.add({"GET", "/api/v1/customers/{organisation_id}/archive", "getCustomerArchive",
              Access::permission, "customer_archive.read", BodyKind::none, get_archive});
  router.add({"PUT", "/api/v1/customers/{organisation_id}/care", "setCustomerCare",
              Access::permission, "customer_archive.write", BodyKind::json, put_care});
}

}  // namespace fuwu::http
