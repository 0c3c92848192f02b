#include "app/platform/audit.h"
#include "app/platform/record_access.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::value optional_text(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

// GET /api/v1/audit?record=organisation:42 — the journal of one record, oldest first.
Status list(ApiContext& ctx) {
  const auto record = ctx.query("record").value_or("");
  const auto colon = record.find(':');
  std::int64_t id = 0;
  bool ok = colon != std::string::npos && colon > 0 && colon + 1 < record.size() &&
            record.size() - colon - 1 <= 18;
  for (std::size_t i = colon + 1; ok && i < record.size(); ++i) {
    if (record[i] < '0' || record[i] > '9') ok = false;
    if (ok) id = id * 10 + (record[i] - '0');
  }
  if (!ok) {
    return Error(ErrorCode::invalid_request, "name the record as record=<type>:<id>")
        .with_field("record", "invalid_format", "e.g. organisation:42");
  }
  const std::string type = record.substr(0, colon);
  auto page = TRY(page_request(ctx, "audit"));
  std::vector<app::AuditEntry> entries;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    const bool visible = TRY(app::record_visible(ex, ctx.actor(), type, id, "audit.read"));
    if (!visible) return Error(ErrorCode::not_found, "no such record");
    entries = TRY(app::read_audit(ex, type, id, page.after_id, page.limit + 1));
    return {};
  }));
  boost::json::array items;
  std::optional<std::int64_t> next;
  for (const auto& e : entries) {
    if (static_cast<int>(items.size()) == page.limit) {
      next = entries[items.size() - 1].id;
      break;
    }
    boost::json::array changes;
    for (const auto& c : e.changes) {
      changes.push_back({{"field", c.field},
                         {"old", optional_text(c.old_value)},
                         {"new", optional_text(c.new_value)}});
    }
    items.push_back({{"id", e.id},
                     {"at", instant_json(e.at)},
                     {"actor_id", e.actor_id ? boost::json::value(e.actor_id) : nullptr},
                     {"actor_login", e.actor_login},
                     {"via", e.via},
                     {"request_id", e.request_id},
                     {"record_type", e.record_type},
                     {"record_id", e.record_id},
                     {"action", e.action},
                     {"changes", std::move(changes)}});
  }
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = next ? boost::json::value(encode_cursor("audit", *next)) : nullptr;
  respond(ctx, 200, out);
  return {};
}

}  // namespace

void add_audit_routes(Router& router) {
  router.add({"GET", "/api/v1/audit", "listAudit", Access::permission, "audit.read", BodyKind::none,
              list});
}

}  // namespace fuwu::http
