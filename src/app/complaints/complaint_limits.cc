// The 8-working-hour limits of a complaint (seed 004 §5.1.18 notes 3 and 4): scheduling their
// warning and breach jobs, and the job that announces them while they still stand.
#include <boost/json.hpp>

#include "app/calendar/calendars.h"
#include "app/complaints/complaint.h"
#include "app/platform/outbox.h"
#include "domain/crm/complaint.h"

namespace fuwu::app {
namespace {

// Whether `limit` of `c` is met, and when it falls due (nullopt: not set).
std::pair<std::optional<Instant>, std::optional<Instant>> limit_of(const Complaint& c,
                                                                   std::string_view limit) {
  if (limit == "inform") return {c.inform_due_at, c.remedy_proposed_at};
  return {c.remedy_due_at, c.carried_out_at};
}

}  // namespace

Result<Instant> schedule_complaint_limit(store::Executor& ex, std::int64_t ticket_id,
                                         std::string_view limit, const std::string& calendar_id,
                                         Instant start, Instant now) {
  auto stored = TRY(find_calendar(ex, calendar_id));
  if (!stored) {
    return Error(ErrorCode::validation_failed, "the customer-care calendar does not exist")
        .with_field("calendar", "not_found", calendar_id);
  }
  const auto cal = TRY(build_calendar(stored->spec));
  const auto at = TRY(crm::complaint_limit(*cal, start));
  for (const auto& [percent, when] :
       {std::pair{crm::kComplaintLimitWarningPercent, at.warning}, std::pair{100, at.due}}) {
    if (when < now) continue;  // a letter opened late: past instants are not announced
    boost::json::object payload{
        {"ticket_id", ticket_id}, {"limit", std::string(limit)}, {"percent", percent}};
    TRY_VOID(enqueue_job(ex,
                         {.kind = std::string(kComplaintLimitJob),
                          .payload = boost::json::serialize(payload),
                          .run_at = when,
                          .lock_key = "complaint_limit:" + std::to_string(ticket_id) + ":" +
                                      std::string(limit) + ":" + std::to_string(percent)},
                         now));
  }
  return at.due;
}

Status run_complaint_limit_job(Services& services, const Job& job) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.payload, ec);
  if (ec || !v.is_object()) return {};  // not ours to retry
  const auto& o = v.as_object();
  const auto* tid = o.if_contains("ticket_id");
  const auto* lim = o.if_contains("limit");
  const auto* pct = o.if_contains("percent");
  if (!tid || !lim || !pct || !tid->is_int64() || !lim->is_string() || !pct->is_int64()) return {};
  const std::int64_t ticket_id = tid->as_int64();
  const std::string limit(lim->as_string());
  const bool breach = pct->as_int64() >= 100;
  const Instant now = services.clock.now();
  return services.db.write([&](store::Executor& ex) -> Status {
    auto c = TRY(find_complaint(ex, ticket_id));
    if (!c || c->closed_at) return {};
    const auto [due, done] = limit_of(*c, limit);
    if (!due || done) return {};
    // A limit moved since (never today; kept safe): only the instant it stands at counts.
    if (breach && now < *due) return {};
    const std::string type = breach ? "complaint.limit_breached" : "complaint.limit_warning";
    // Once per complaint, limit and threshold, however often the job runs.
    auto sent = TRY(ex.query_one(
        "SELECT 1 FROM outbox WHERE event_type = $1 AND record_type = 'ticket' AND record_id = $2 "
        "AND payload LIKE $3",
        {type, ticket_id, "%\"limit\":\"" + limit + "\"%"}));
    if (sent) return {};
    boost::json::object payload{{"number", c->ticket.number},
                                {"limit", limit},
                                {"due_at", format_rfc3339(*due)},
                                {"percent", breach ? 100 : crm::kComplaintLimitWarningPercent}};
    return emit_event(ex, Actor::system("job"), now, type, "ticket", ticket_id,
                      boost::json::serialize(payload));
  });
}

}  // namespace fuwu::app
