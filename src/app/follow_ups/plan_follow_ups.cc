#include <boost/json.hpp>

#include "app/calendar/calendars.h"
#include "app/follow_ups/follow_up.h"
#include "app/platform/outbox.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

Date today_in_china(Instant now) {
  return civil_from_days((now.unix_seconds + 8 * 3600) / 86400);
}

std::string payload_text(const std::string& payload, const char* key) {
  boost::system::error_code ec;
  auto v = boost::json::parse(payload, ec);
  if (ec || !v.is_object()) return {};
  const auto* f = v.as_object().if_contains(key);
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

// Kinds whose closure is followed up.
bool followed_up_kind(std::string_view kind) {
  return kind == "work_order" || kind == "incident" || kind == "request";
}

// Visits to key customers (定期走访) due today or earlier: one follow-up per customer and date.
Status plan_key_customer_visits(store::Executor& ex, Instant now, const CrmSettings& settings) {
  const std::string today = format_date(today_in_china(now));
  auto due = TRY(ex.query(
      "SELECT organisation_id, visit_interval_days, visit_method, next_visit_on FROM "
      "customer_care WHERE key_customer = 1 AND next_visit_on IS NOT NULL AND next_visit_on <= $1 "
      "ORDER BY organisation_id LIMIT 200",
      {today}));
  const Actor system = Actor::system("job");
  for (const auto& r : due) {
    const std::int64_t org = r.i64(0);
    const std::string on = r.text(3);
    NewFollowUp in;
    in.organisation_id = org;
    in.method = r.text(2);
    TRY_VOID(insert_follow_up(ex, system, now, settings, in, "schedule",
                              "visit:" + std::to_string(org) + ":" + on));
    // The next visit: interval days on, past today.
    Date next = parse_date(on).value_or(today_in_china(now));
    const int interval = static_cast<int>(r.i64(1));
    do {
      next = crm::next_visit_on(next, interval);
    } while (format_date(next) <= today);
    TRY_VOID(
        ex.exec("UPDATE customer_care SET next_visit_on = $2, updated_at = $3 WHERE "
                "organisation_id = $1",
                {org, format_date(next), format_rfc3339(now)}));
  }
  return {};
}

}  // namespace

Result<int> plan_follow_ups(store::Executor& ex, Instant now) {
  const auto settings = TRY(load_crm_settings(ex));
  TRY_VOID(plan_key_customer_visits(ex, now, settings));
  const auto cursor = TRY(consumer_cursor(ex, kFollowUpConsumer));
  const auto events = TRY(read_events(ex, cursor, 500));
  if (events.empty()) return 0;
  std::shared_ptr<const calendar::Calendar> cal;
  int enqueued = 0;
  for (const auto& e : events) {
    if (e.type == "survey.low_score" && e.record_type == "survey_response") {
      TRY_VOID(plan_low_score_follow_up(ex, now, settings, e.record_id));
      continue;
    }
    if (e.type != "ticket.state_changed" || e.record_type != "ticket") continue;
    if (payload_text(e.payload, "to") != "closed") continue;
    auto t = TRY(find_ticket(ex, e.record_id));
    // Served and closed; a cancelled record (never resolved) is not followed up.
    if (!t || !followed_up_kind(t->kind) || t->organisation_id == 0 || !t->resolved_at) continue;
    if (!cal) {
      auto stored = TRY(find_calendar(ex, settings.calendar));
      if (!stored) {
        return Error(ErrorCode::validation_failed, "the customer-care calendar does not exist")
            .with_field("calendar", "not_found", settings.calendar);
      }
      cal = TRY(build_calendar(stored->spec));
    }
    // After the delay: the end of the delay's last working day after the closure.
    const Instant run_at = TRY(cal->deadline_days(e.at, settings.follow_up_delay_days));
    boost::json::object payload{{"ticket_id", e.record_id}, {"event_id", e.id}};
    TRY_VOID(enqueue_job(ex,
                         {.kind = std::string(kFollowUpJob),
                          .payload = boost::json::serialize(payload),
                          .run_at = run_at,
                          .lock_key = "follow_up:" + std::to_string(e.id)},
                         now));
    ++enqueued;
  }
  TRY_VOID(advance_cursor(ex, kFollowUpConsumer, events.back().id));
  return enqueued;
}

Status run_follow_up_job(Services& services, const Job& job) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.payload, ec);
  if (ec || !v.is_object()) return {};  // not ours to retry
  const auto& o = v.as_object();
  const auto* tid = o.if_contains("ticket_id");
  const auto* eid = o.if_contains("event_id");
  if (!tid || !eid || !tid->is_int64() || !eid->is_int64()) return {};
  const std::int64_t ticket_id = tid->as_int64();
  const std::int64_t event_id = eid->as_int64();
  const Instant now = services.clock.now();
  return services.db.write([&](store::Executor& ex) -> Status {
    auto t = TRY(find_ticket(ex, ticket_id));
    if (!t || t->organisation_id == 0) return {};
    const auto settings = TRY(load_crm_settings(ex));
    NewFollowUp in;
    in.organisation_id = t->organisation_id;
    in.source_ticket_id = ticket_id;
    // The person who reported it, when that is one of the customer's people.
    auto contact =
        TRY(ex.query_one("SELECT 1 FROM users WHERE id = $1 AND COALESCE(organisation_id, 0) = $2",
                         {t->requester_id, t->organisation_id}));
    if (contact) in.contact_id = t->requester_id;
    TRY_VOID(
        insert_follow_up(ex, Actor::system("job"), now, settings, in,
                         t->kind == "work_order" ? "work_order" : "ticket",
                         "ticket:" + std::to_string(ticket_id) + ":" + std::to_string(event_id)));
    return {};
  });
}

}  // namespace fuwu::app
