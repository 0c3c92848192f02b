#include <algorithm>
#include <map>
#include <set>

#include "app/dispatch/dispatch.h"

namespace fuwu::app {
namespace {

constexpr Duration kSlot = Duration::of_hours(2);

Result<std::set<std::int64_t>> ids(store::Executor& ex, std::string_view sql,
                                   std::initializer_list<store::Value> params) {
  std::set<std::int64_t> out;
  for (const auto& r : TRY(ex.query(sql, params)))
    out.insert(r.i64(0));
  return out;
}

}  // namespace

Result<DispatchProposal> propose_dispatch(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t work_order_id, std::optional<Instant> at) {
  const auto w = TRY(get_work_order(ex, actor, work_order_id));
  if (!access::may(actor.principal, "work_order.dispatch", work_order_ownership(w.ticket))) {
    return Error(ErrorCode::permission_denied, "you may not dispatch work orders");
  }
  DispatchProposal out;
  out.work_order_id = work_order_id;
  out.at = at.value_or(w.appointment_at.value_or(now));
  const auto place = TRY(order_place(ex, w));
  out.product_line = place.product_line;
  out.province = place.province;
  std::optional<aftersales::Located> site;
  if (place.site_id) {
    auto located = site_location(ex, place.site_id);
    if (located.ok()) site = *located;
  }
  const std::string day = format_date(china_date(out.at));
  const std::string slot_start = format_rfc3339(out.at);
  const std::string slot_end = format_rfc3339(out.at + kSlot);

  // Four set-wise queries, whatever the number of engineers.
  auto engineers = TRY(ex.query(
      "SELECT e.user_id, COALESCE(NULLIF(u.display_name, ''), u.login), e.service_centre_id, "
      "e.skills, e.active, COALESCE(ec.calendar, c.calendar), c.territory, c.latitude, "
      "c.longitude, c.region_code FROM engineers e JOIN users u ON u.id = e.user_id JOIN "
      "service_centres c ON c.id = e.service_centre_id LEFT JOIN engineer_calendars ec ON "
      "ec.engineer_id = e.user_id ORDER BY e.user_id"));
  std::map<std::int64_t, std::int64_t> load;
  for (const auto& r : TRY(ex.query(
           "SELECT assignee_id, COUNT(*) FROM tickets WHERE kind = 'work_order' AND state IN "
           "('dispatched', 'accepted', 'appointed', 'on_the_way', 'on_site', 'waiting_parts') "
           "AND assignee_id IS NOT NULL AND id <> $1 GROUP BY assignee_id",
           {work_order_id}))) {
    load[r.i64(0)] = r.i64(1);
  }
  const auto absent = TRY(ids(ex,
                              "SELECT DISTINCT engineer_id FROM engineer_absences WHERE "
                              "starts_on <= $1 AND ends_on >= $1",
                              {day}));
  const auto busy =
      TRY(ids(ex,
              "SELECT DISTINCT a.engineer_id FROM appointments a JOIN tickets t ON t.id = "
              "a.work_order_id WHERE a.starts_at < $2 AND a.ends_at > $1 AND a.work_order_id <> "
              "$3 AND t.state IN ('appointed', 'on_the_way', 'on_site')",
              {slot_start, slot_end, work_order_id}));

  std::map<std::string, bool> working;               // calendar slug → working at `at`
  std::map<std::int64_t, std::optional<double>> km;  // centre → distance to the site
  std::vector<aftersales::DispatchCandidate> candidates;
  candidates.reserve(engineers.size());
  for (const auto& r : engineers) {
    aftersales::DispatchCandidate c;
    c.engineer_id = r.i64(0);
    c.name = r.text(1);
    c.service_centre_id = r.i64(2);
    const auto skills = split_list(r.text(3));
    c.active = r.i64(4) != 0;
    const std::string slug = r.text(5);
    const auto territory = split_list(r.text(6));
    c.in_territory = std::ranges::find(territory, place.province) != territory.end();
    c.has_skill =
        place.product_line.empty() || std::ranges::find(skills, place.product_line) != skills.end();
    c.absent = absent.contains(c.engineer_id);
    c.busy = busy.contains(c.engineer_id);
    c.load = load.contains(c.engineer_id) ? load[c.engineer_id] : 0;
    auto [cal, fresh] = working.try_emplace(slug, false);
    if (fresh) {
      auto built = working_calendar(ex, slug);
      cal->second = built.ok() && (*built)->is_working(out.at);
    }
    c.off_duty = !cal->second;
    auto [dist, first] = km.try_emplace(c.service_centre_id);
    if (first && site) {
      std::optional<double> lat, lon;
      if (!r.is_null(7)) lat = r.f64(7);
      if (!r.is_null(8)) lon = r.f64(8);
      if (auto from = aftersales::locate(lat, lon, r.text(9))) {
        dist->second = aftersales::measure(*from, *site, w.road_factor).km;
      }
    }
    c.distance_km = dist->second;
    candidates.push_back(std::move(c));
  }
  out.decision = aftersales::rank_engineers(candidates, out.rules);
  return out;
}

}  // namespace fuwu::app
