// The service catalogue (/api/v1/catalogue), request forms and approvals of tickets, and the
// priority matrix.
#include "app/catalogue/catalogue.h"
#include "app/settings/priority_matrix.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;

json::object labels(const std::string& zh, const std::string& en) {
  return {{"zh-CN", zh}, {"en", en}};
}

// The fields services and items share, then `extra` (an item's own fields).
json::object entry_json(const app::CatalogueEntry& e, json::object extra = {}) {
  json::object o{{"id", e.id},
                 {"code", e.code},
                 {"name_zh", e.name_zh},
                 {"name_en", e.name_en},
                 {"description_zh", e.description_zh},
                 {"description_en", e.description_en},
                 {"category", e.category}};
  for (auto& member : extra)
    o.emplace(member.key(), std::move(member.value()));
  o.emplace("active", e.active);
  o.emplace("version", e.version);
  o.emplace("created_at", instant_json(e.created_at));
  o.emplace("updated_at", instant_json(e.updated_at));
  return o;
}

json::object service_json(const app::CatalogueService& s) {
  return entry_json(s);
}

json::object item_json(const app::CatalogueItem& it) {
  json::array roles, orgs;
  for (const auto& r : it.audience.roles)
    roles.emplace_back(r);
  for (auto id : it.audience.organisation_ids)
    orgs.emplace_back(id);
  return entry_json(
      it, {{"service_id", it.service_id},
           {"service_code", it.service_code},
           {"audience", {{"roles", std::move(roles)}, {"organisation_ids", std::move(orgs)}}},
           {"default_group_id", it.default_group_id ? json::value(it.default_group_id) : nullptr},
           {"impact", it.impact},
           {"urgency", it.urgency},
           {"approvals", json::parse(app::stages_json(it.approvals))},
           {"form_version", it.form_version},
           {"form_schema", json::parse(app::form_schema_json(it.form))}});
}

json::object approval_json(const app::Approval& a) {
  return {{"id", a.id},
          {"ticket_id", a.ticket_id},
          {"ticket_number", a.ticket_number},
          {"ticket_title", a.ticket_title},
          {"stage", a.stage + 1},
          {"stage_label", labels(a.stage_label_zh, a.stage_label_en)},
          {"rule", a.rule},
          {"approver_id", a.approver_id},
          {"approver_login", a.approver_login},
          {"approver_name", a.approver_name},
          {"source", a.source},
          {"state", a.state},
          {"comment", a.comment},
          {"decided_at", a.decided_at ? json::value(instant_json(*a.decided_at)) : nullptr}};
}

// A service or item with its ETag; on 201 its Location under `collection`.
template <typename Record, typename ToJson>
void respond_entry(ApiContext& ctx, int status, const Record& r, std::string_view collection,
                   ToJson to_json) {
  ctx.response.set_header("ETag", etag(r.version));
  if (status == 201) {
    ctx.response.set_header("Location", std::string("/api/v1/catalogue/") +
                                            std::string(collection) + "/" + std::to_string(r.id));
  }
  respond(ctx, status, to_json(r));
}

void respond_service(ApiContext& ctx, int status, const app::CatalogueService& s) {
  respond_entry(ctx, status, s, "services", service_json);
}

void respond_item(ApiContext& ctx, int status, const app::CatalogueItem& it) {
  respond_entry(ctx, status, it, "items", item_json);
}

void respond_approvals(ApiContext& ctx, int status, const std::vector<app::Approval>& list) {
  json::array items;
  for (const auto& a : list)
    items.push_back(approval_json(a));
  respond(ctx, status, json::object{{"items", std::move(items)}});
}

constexpr TextRule kCode{.min_chars = 1, .max_chars = 64, .single_line = true};
constexpr TextRule kName{.min_chars = 1, .max_chars = 200, .single_line = true};
constexpr TextRule kDescription{.max_chars = 20000, .trim = false};
constexpr TextRule kCategory{.max_chars = 100, .single_line = true};
constexpr IntRange kId{1, INT64_MAX};
constexpr IntRange kLevel{1, 5};

// Required on create, optional on update.
Presence on_create(bool create) {
  return create ? Presence::required : Presence::optional;
}

// The text fields services and items share (not `active`, read last).
void read_entry(BodyReader& r, bool create, app::EntryInput& in) {
  in.code = r.text("code", on_create(create), kCode);
  in.name_zh = r.text("name_zh", on_create(create), kName);
  in.name_en = r.text("name_en", on_create(create), kName);
  in.description_zh = r.text("description_zh", Presence::optional, kDescription);
  in.description_en = r.text("description_en", Presence::optional, kDescription);
  in.category = r.text("category", Presence::optional, kCategory);
}

app::ServiceInput read_service(BodyReader& r, bool create) {
  app::ServiceInput in;
  read_entry(r, create, in);
  in.active = r.boolean("active");
  return in;
}

std::optional<app::Audience> read_audience(BodyReader& r) {
  const auto* member = r.raw("audience");
  if (!member) return std::nullopt;
  auto nested = BodyReader::from(*member, r.pointer_of("audience"));
  if (!nested.ok()) {
    r.add_errors(std::move(nested).error());
    return std::nullopt;
  }
  app::Audience a;
  auto read_array = [&](std::string_view key, auto each) {
    const auto* arr = nested->raw(key);
    if (!arr) return;
    if (!arr->is_array()) {
      r.add_error(nested->pointer_of(key), "wrong_type", "an array");
      return;
    }
    const auto& items = arr->as_array();
    for (std::size_t i = 0; i < items.size(); ++i)
      each(items[i], nested->pointer_of(key) + "/" + std::to_string(i));
  };
  read_array("roles", [&](const json::value& v, const std::string& at) {
    if (v.is_string())
      a.roles.emplace_back(v.as_string());
    else
      r.add_error(at, "wrong_type", "a role name");
  });
  read_array("organisation_ids", [&](const json::value& v, const std::string& at) {
    if (v.is_int64() && v.as_int64() > 0)
      a.organisation_ids.push_back(v.as_int64());
    else
      r.add_error(at, "wrong_type", "an organisation id");
  });
  r.add_errors(nested->finish());
  return a;
}

std::optional<std::string> raw_json(BodyReader& r, std::string_view key) {
  const auto* v = r.raw(key);
  if (!v) return std::nullopt;
  return json::serialize(*v);
}

app::ItemInput read_item(BodyReader& r, bool create) {
  app::ItemInput in;
  in.service_id = r.integer("service_id", on_create(create), kId);
  read_entry(r, create, in);
  in.audience = read_audience(r);
  if (r.is_null("default_group_id"))
    in.default_group_id = 0;
  else
    in.default_group_id = r.integer("default_group_id", Presence::optional, kId);
  if (auto v = r.integer("impact", Presence::optional, kLevel)) in.impact = static_cast<int>(*v);
  if (auto v = r.integer("urgency", Presence::optional, kLevel)) in.urgency = static_cast<int>(*v);
  in.approvals_json = raw_json(r, "approvals");
  in.form_schema_json = raw_json(r, "form_schema");
  in.active = r.boolean("active");
  return in;
}

// {"items": [...]} of what `load(ex)` returns, each rendered by `to_json`.
template <typename Load, typename ToJson>
Status respond_list(ApiContext& ctx, Load load, ToJson to_json) {
  std::remove_cvref_t<decltype(load(std::declval<store::Executor&>()).value())> list;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    list = TRY(load(ex));
    return {};
  }));
  json::array items;
  for (const auto& x : list)
    items.push_back(to_json(x));
  respond(ctx, 200, json::object{{"items", std::move(items)}});
  return {};
}

// POST: the body read by `read(reader, true)`, created by `create`, answered 201.
template <typename Read, typename Create, typename Respond>
Status create_record(ApiContext& ctx, Read read, Create create, Respond respond_record) {
  auto body = TRY(read_json_body(ctx));
  auto in = read(*body.reader, true);
  TRY_VOID(body.reader->finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto record = TRY(create(ex, ctx.actor(), ctx.now(), in));
    respond_record(ctx, 201, record);
    return {};
  });
}

// PATCH with If-Match: the body read by `read(reader, false)`, applied by `update`.
template <typename Read, typename Update, typename Respond>
Status update_record(ApiContext& ctx, Read read, Update update, Respond respond_record) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto in = read(*body.reader, false);
  TRY_VOID(body.reader->finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto record = TRY(update(ex, ctx.actor(), ctx.now(), id, version, in));
    respond_record(ctx, 200, record);
    return {};
  });
}

Status list_services(ApiContext& ctx) {
  return respond_list(
      ctx, [&](store::Executor& ex) { return app::list_services(ex, ctx.actor()); }, service_json);
}

Status list_items(ApiContext& ctx) {
  app::ItemFilter f;
  f.service_id = TRY(id_query(ctx, "service_id"));
  f.category = ctx.query("category");
  f.include_inactive = ctx.query("include_inactive") == std::optional<std::string>("true");
  return respond_list(
      ctx, [&](store::Executor& ex) { return app::list_items(ex, ctx.actor(), f); }, item_json);
}

// POST, GET by id and PATCH of one kind of catalogue record.
template <auto Read, auto Create, auto Get, auto Update, auto Respond>
struct EntryRoutes {
  static Status create(ApiContext& ctx) { return create_record(ctx, Read, Create, Respond); }
  static Status get(ApiContext& ctx) { return get_by_id(ctx, Get, Respond); }
  static Status update(ApiContext& ctx) { return update_record(ctx, Read, Update, Respond); }
};
using ServiceRoutes = EntryRoutes<read_service, app::create_service, app::get_service,
                                  app::update_service, respond_service>;
using ItemRoutes =
    EntryRoutes<read_item, app::create_item, app::get_item, app::update_item, respond_item>;

Status get_item_form(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto text = ctx.params.get("version");
  int version = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || version > 100000)
      return Error(ErrorCode::not_found, "no such form version");
    version = version * 10 + (c - '0');
  }
  std::string schema;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    schema = TRY(app::get_item_form(ex, ctx.actor(), id, version));
    return {};
  }));
  respond(ctx, 200,
          json::object{
              {"item_id", id}, {"form_version", version}, {"form_schema", json::parse(schema)}});
  return {};
}

Status ticket_form(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  app::RequestForm f;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    f = TRY(app::get_request_form(ex, ctx.actor(), id));
    return {};
  }));
  respond(ctx, 200,
          json::object{{"ticket_id", f.ticket_id},
                       {"catalogue_item_id", f.item_id},
                       {"item_code", f.item_code},
                       {"item_name", labels(f.item_name_zh, f.item_name_en)},
                       {"form_version", f.form_version},
                       {"form_schema", json::parse(f.form_schema_json)},
                       {"form", json::parse(f.form_data_json)}});
  return {};
}

Status ticket_approvals(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return respond_list(
      ctx, [&](store::Executor& ex) { return app::list_approvals(ex, ctx.actor(), id); },
      approval_json);
}

Status decide(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::ApprovalDecision d;
  d.approve =
      r.one_of("decision", {"approve", "reject"}, Presence::required).value_or("") == "approve";
  d.comment = r.text("comment", Presence::optional, {.max_chars = 10000}).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto list = TRY(app::decide_approval(ex, ctx.actor(), ctx.now(), id, d));
    respond_approvals(ctx, 200, list);
    return {};
  });
}

Status my_approvals(ApiContext& ctx) {
  const auto state = ctx.query("state").value_or("pending");
  if (state != "all" && !catalogue::parse_slot_state(state)) {
    return Error(ErrorCode::invalid_request, "unknown state")
        .with_field("state", "not_allowed",
                    "all, waiting, pending, approved, rejected, not_needed or cancelled");
  }
  return respond_list(
      ctx,
      [&](store::Executor& ex) {
        return app::list_my_approvals(ex, ctx.actor(), state == "all" ? "" : state, 200);
      },
      approval_json);
}

void respond_matrix(ApiContext& ctx, const app::PriorityMatrixRecord& m) {
  json::array cells;
  for (const auto& row : m.matrix.cells) {
    json::array r;
    for (int p : row)
      r.emplace_back(p);
    cells.push_back(std::move(r));
  }
  ctx.response.set_header("ETag", etag(m.version));
  respond(ctx, 200,
          json::object{{"impact_levels", m.matrix.levels_impact()},
                       {"urgency_levels", m.matrix.levels_urgency()},
                       {"cells", std::move(cells)},
                       {"is_default", m.is_default},
                       {"version", m.version}});
}

Status get_matrix(ApiContext& ctx) {
  app::PriorityMatrixRecord m;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    m = TRY(app::get_priority_matrix(ex, ctx.actor()));
    return {};
  }));
  respond_matrix(ctx, m);
  return {};
}

Status put_matrix(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  ticket::PriorityMatrix m;
  m.cells.clear();
  if (const auto* cells = r.raw("cells", Presence::required)) {
    bool ok = cells->is_array();
    if (ok) {
      for (const auto& row : cells->as_array()) {
        if (!row.is_array()) {
          ok = false;
          break;
        }
        std::vector<int> out;
        for (const auto& p : row.as_array()) {
          if (!p.is_int64() || p.as_int64() < 0 || p.as_int64() > 99) {
            ok = false;
            break;
          }
          out.push_back(static_cast<int>(p.as_int64()));
        }
        m.cells.push_back(std::move(out));
      }
    }
    if (!ok) r.add_error(r.pointer_of("cells"), "wrong_type", "an array of rows of priorities");
  }
  TRY_VOID(r.finish());
  const auto version = TRY(ctx.if_match_version());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto rec = TRY(app::set_priority_matrix(ex, ctx.actor(), ctx.now(), version, m));
    respond_matrix(ctx, rec);
    return {};
  });
}

}  // namespace

void add_catalogue_routes(Router& router) {
  router.add({"GET", "/api/v1/catalogue/services", "listCatalogueServices", Access::permission,
              "catalogue.read", BodyKind::none, list_services});
  router.add({"POST", "/api/v1/catalogue/services", "createCatalogueService", Access::permission,
              "catalogue.manage", BodyKind::json, ServiceRoutes::create});
  router.add({"GET", "/api/v1/catalogue/services/{id}", "getCatalogueService", Access::permission,
              "catalogue.read", BodyKind::none, ServiceRoutes::get});
  router.add({"PATCH", "/api/v1/catalogue/services/{id}", "updateCatalogueService",
              Access::permission, "catalogue.manage", BodyKind::json, ServiceRoutes::update});
  router.add({"GET", "/api/v1/catalogue/items", "listCatalogueItems", Access::permission,
              "catalogue.read", BodyKind::none, list_items});
  router.add({"POST", "/api/v1/catalogue/items", "createCatalogueItem", Access::permission,
              "catalogue.manage", BodyKind::json, ItemRoutes::create});
  router.add({"GET", "/api/v1/catalogue/items/{id}", "getCatalogueItem", Access::permission,
              "catalogue.read", BodyKind::none, ItemRoutes::get});
  router.add({"PATCH", "/api/v1/catalogue/items/{id}", "updateCatalogueItem", Access::permission,
              "catalogue.manage", BodyKind::json, ItemRoutes::update});
  router.add({"GET", "/api/v1/catalogue/items/{id}/forms/{version}", "getCatalogueItemForm",
              Access::permission, "catalogue.read", BodyKind::none, get_item_form});
  router.add({"GET", "/api/v1/tickets/{id}/form", "getTicketForm", Access::permission,
              "ticket.read", BodyKind::none, ticket_form});
  router.add({"GET", "/api/v1/tickets/{id}/approvals", "listTicketApprovals", Access::authenticated,
              "", BodyKind::none, ticket_approvals});
  router.add({"POST", "/api/v1/tickets/{id}/approvals", "decideTicketApproval",
              Access::authenticated, "", BodyKind::json, decide});
  router.add({"GET", "/api/v1/approvals", "listMyApprovals", Access::authenticated, "",
              BodyKind::none, my_approvals});
  router.add({"GET", "/api/v1/priority-matrix", "getPriorityMatrix", Access::permission,
              "priority_matrix.read", BodyKind::none, get_matrix});
  router.add({"PUT", "/api/v1/priority-matrix", "setPriorityMatrix", Access::permission,
              "priority_matrix.write", BodyKind::json, put_matrix});
}

}  // namespace fuwu::http
