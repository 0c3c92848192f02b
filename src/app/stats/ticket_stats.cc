#include "app/stats/ticket_stats.h"

#include <algorithm>
#include <map>

#include "app/tickets/ticket.h"
#include "app/tickets/ticket_scope.h"

namespace fuwu::app {
namespace {

constexpr const char* kOpen = "state_category IN ('new', 'open', 'pending')";

// " AND <the read scope>" ("" when the principal reads every ticket) and the ticket list's
// default filter (no staff-only kinds), so that every figure opens the list behind it; its
// parameters appended.
Result<std::string> and_in_scope(const access::Principal& p, std::vector<store::Value>& params) {
  const auto scope = TRY(ticket_read_scope(p, "", params));
  const std::string list_filter = ticket_filter_sql(TicketFilter{}, "", params);
  return (scope.condition.empty() ? std::string() : " AND " + scope.condition) + list_filter;
}

// Per hour ("YYYY-MM-DDTHH" of the UTC timestamp text) of `column` since `since`, in scope.
Status count_per_hour(store::Executor& ex, const access::Principal& p, const char* column,
                      const std::string& since, std::map<std::string, HourCount>& hours,
                      std::int64_t HourCount::*field) {
  std::vector<store::Value> params{since};
  std::string sql = std::string("SELECT substr(") + column +
                    ", 1, 13), COUNT(*) FROM tickets WHERE " + column + " >= $1" +
                    TRY(and_in_scope(p, params)) + " GROUP BY 1";
  for (const auto& r : TRY(ex.query(sql, params))) {
    const std::string key = r.text(0);
    auto& h = hours[key];
    if (auto at = parse_rfc3339(key + ":00:00Z")) h.hour = *at;
    h.*field += r.i64(1);
  }
  return {};
}

}  // namespace

Result<TicketStats> ticket_stats(store::Executor& ex, const Actor& actor, Instant now,
                                 const TicketStatsRequest& request) {
  Error bad(ErrorCode::invalid_request, "the statistics' parameters are out of range");
  if (request.days < 1 || request.days > 92) bad.with_field("days", "out_of_range", "1 to 92");
  if (request.risk_hours < 1 || request.risk_hours > 168) {
    bad.with_field("risk_hours", "out_of_range", "1 to 168");
  }
  if (!bad.fields.empty()) return bad;
  // Counted over the tickets list_tickets would show this actor.
  const auto& p = actor.principal;

  TicketStats out;
  // Open tickets: one pass grouped by state and group, with the deadlines counted alongside.
  std::vector<store::Value> params{
      format_rfc3339(now), format_rfc3339(Instant{now.unix_seconds + request.risk_hours * 3600})};
  const std::string sql =
      std::string(
          "SELECT state, state_category, group_id, COUNT(*), "
          "SUM(CASE WHEN sla_due_at < $1 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN sla_due_at >= $1 AND sla_due_at < $2 THEN 1 ELSE 0 END) "
          "FROM tickets WHERE ") +
      kOpen + TRY(and_in_scope(p, params)) + " GROUP BY state, state_category, group_id";
  std::map<std::pair<std::string, std::string>, std::int64_t> by_state;
  std::map<std::int64_t, std::int64_t> by_group;
  for (const auto& r : TRY(ex.query(sql, params))) {
    const std::int64_t n = r.i64(3);
    by_state[{r.text(0), r.text(1)}] += n;
    by_group[r.opt_i64(2).value_or(0)] += n;
    out.open += n;
    out.breached += r.opt_i64(4).value_or(0);
    out.at_risk += r.opt_i64(5).value_or(0);
  }
  for (const auto& [k, n] : by_state)
    out.open_by_state.push_back({k.first, k.second, n});
  for (const auto& [g, n] : by_group)
    out.open_by_group.push_back({g, n});
  std::stable_sort(out.open_by_state.begin(), out.open_by_state.end(),
                   [](const StateCount& a, const StateCount& b) { return a.count > b.count; });
  std::stable_sort(out.open_by_group.begin(), out.open_by_group.end(),
                   [](const GroupCount& a, const GroupCount& b) { return a.count > b.count; });

  // The tickets behind the SLA figures, soonest due first.
  std::vector<store::Value> due_params{params[1]};
  const std::string due_sql =
      std::string("SELECT id, number, title, sla_due_at FROM tickets WHERE ") + kOpen +
      " AND sla_due_at < $1" + TRY(and_in_scope(p, due_params)) +
      " ORDER BY sla_due_at, id LIMIT 50";
  const std::string now_text = format_rfc3339(now);
  for (const auto& r : TRY(ex.query(due_sql, due_params))) {
    const std::string due = r.text(3);
    out.sla_tickets.push_back(
        {r.i64(0), r.text(1), r.text(2), parse_rfc3339(due).value_or(Instant{}), due < now_text});
  }

  // Created and resolved per hour since the start of the hour `days` ago.
  out.since = Instant{(now.unix_seconds - std::int64_t{request.days} * 86400) / 3600 * 3600};
  const std::string since = format_rfc3339(out.since);
  std::map<std::string, HourCount> hours;
  TRY_VOID(count_per_hour(ex, p, "created_at", since, hours, &HourCount::created));
  TRY_VOID(count_per_hour(ex, p, "resolved_at", since, hours, &HourCount::resolved));
  for (auto& [_, h] : hours)
    out.hourly.push_back(h);
  return out;
}

}  // namespace fuwu::app
