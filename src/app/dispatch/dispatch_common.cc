#include <algorithm>

#include "app/calendar/calendars.h"
#include "app/dispatch/dispatch.h"
#include "app/sites/site.h"

namespace fuwu::app {

Date china_date(Instant t) {
  return civil_from_days((t.unix_seconds + 8 * 3600) / 86400);
}

Result<std::shared_ptr<const calendar::Calendar>> working_calendar(store::Executor& ex,
                                                                   const std::string& slug) {
  auto stored = TRY(find_calendar(ex, slug));
  if (!stored) return Error(ErrorCode::not_found, "the calendar " + slug + " has gone");
  return build_calendar(stored->spec);
}

Result<bool> within_working_time(const calendar::Calendar& cal, Instant start, Instant end) {
  if (!cal.is_working(start)) return false;
  const auto worked = TRY(cal.between(start, end));
  return worked == end - start;
}

Result<std::optional<std::string>> engineer_calendar_slug(store::Executor& ex,
                                                          std::int64_t engineer_id) {
  auto row = TRY(ex.query_one(
      "SELECT COALESCE(ec.calendar, c.calendar) FROM engineers e JOIN service_centres c ON c.id "
      "= e.service_centre_id LEFT JOIN engineer_calendars ec ON ec.engineer_id = e.user_id "
      "WHERE e.user_id = $1",
      {engineer_id}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->text(0));
}

Result<OrderPlace> order_place(store::Executor& ex, const WorkOrder& order) {
  OrderPlace out;
  out.site_id = order.ticket.site_id;
  if (order.unit_id) {
    auto row = TRY(
        ex.query_one("SELECT l.code FROM units u JOIN product_models m ON m.id = u.model_id JOIN "
                     "product_lines l ON l.id = m.product_line_id WHERE u.id = $1",
                     {order.unit_id}));
    if (row) out.product_line = row->text(0);
  }
  if (out.site_id) {
    auto site = TRY(find_site(ex, out.site_id));
    if (site && site->region_code.size() >= 2) out.province = site->region_code.substr(0, 2);
  }
  return out;
}

}  // namespace fuwu::app

namespace fuwu::app {

bool pool_entry_fits(const Engineer& engineer, const ServiceCentre& centre, const PoolEntry& e) {
  const bool skill = e.product_line.empty() ||
                     std::ranges::find(engineer.skills, e.product_line) != engineer.skills.end();
  return engineer.active && skill &&
         std::ranges::find(centre.territory, e.province) != centre.territory.end();
}

bool dispatchable_state(std::string_view state) {
  return state == "reported" || state == "quote_accepted" || state == "rejected";
}

Result<std::vector<PoolEntry>> load_pool(store::Executor& ex, std::int64_t work_order_id) {
  auto rows = TRY(ex.query(
      "SELECT p.work_order_id, t.number, t.title, t.state, w.wo_kind, w.fault, "
      "COALESCE(u.serial, ''), p.service_centre_id, p.product_line, p.province, p.note, "
      "p.published_at FROM dispatch_pool p JOIN tickets t ON t.id = p.work_order_id JOIN "
      "work_orders w ON w.ticket_id = p.work_order_id LEFT JOIN units u ON u.id = w.unit_id "
      "WHERE p.claimed_by IS NULL AND t.state IN ('reported', 'quote_accepted', 'rejected') AND "
      "($1 = 0 OR "
      "p.work_order_id = $1) ORDER BY p.published_at, p.work_order_id",
      {work_order_id}));
  std::vector<PoolEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({.work_order_id = r.i64(0),
                   .number = r.text(1),
                   .title = r.text(2),
                   .state = r.text(3),
                   .wo_kind = r.text(4),
                   .fault = r.text(5),
                   .serial = r.text(6),
                   .service_centre_id = r.i64(7),
                   .product_line = r.text(8),
                   .province = r.text(9),
                   .note = r.text(10),
                   .published_at = parse_rfc3339(r.text(11)).value_or(Instant{})});
  }
  return out;
}

}  // namespace fuwu::app
