#include "app/follow_ups/follow_up.h"

#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/tickets/relations.h"
#include "app/tickets/ticket.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "f.id, f.organisation_id, f.source, COALESCE(f.source_ticket_id, 0), COALESCE(t.number, ''), "
    "f.method, COALESCE(f.assignee_id, 0), COALESCE(f.contact_id, 0), f.state, f.calendar, "
    "f.due_at, f.reached, f.satisfied, f.score, f.comments, f.action, "
    "COALESCE(f.complaint_id, 0), COALESCE(f.reopened_work_order_id, 0), f.version, f.created_at, "
    "f.completed_at, COALESCE(f.survey_response_id, 0)";

std::optional<bool> opt_bool(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.i64(i) != 0;
}

}  // namespace

Result<CrmSettings> load_crm_settings(store::Executor& ex) {
  CrmSettings s;
  auto row = TRY(ex.query_one(
      "SELECT follow_up_delay_days, follow_up_days, follow_up_method, calendar, version, "
      "COALESCE(follow_up_group_id, 0) FROM crm_settings WHERE id = 1"));
  if (!row) return s;
  s.follow_up_delay_days = static_cast<int>(row->i64(0));
  s.follow_up_days = static_cast<int>(row->i64(1));
  s.follow_up_method = row->text(2);
  s.calendar = row->text(3);
  s.version = row->i64(4);
  s.follow_up_group_id = row->i64(5);
  return s;
}

Result<std::optional<FollowUp>> find_follow_up(store::Executor& ex, std::int64_t id) {
  auto row = TRY(ex.query_one(std::string("SELECT ") + kColumns +
                                  " FROM follow_ups f LEFT JOIN tickets t ON t.id = "
                                  "f.source_ticket_id WHERE f.id = $1",
                              {id}));
  if (!row) return std::optional<FollowUp>();
  const auto& r = *row;
  FollowUp f;
  f.id = r.i64(0);
  f.organisation_id = r.i64(1);
  f.source = r.text(2);
  f.source_ticket_id = r.i64(3);
  f.source_number = r.text(4);
  f.method = r.text(5);
  f.assignee_id = r.i64(6);
  f.contact_id = r.i64(7);
  f.state = r.text(8);
  f.calendar = r.text(9);
  f.due_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  f.reached = opt_bool(r, 11);
  f.satisfied = opt_bool(r, 12);
  if (!r.is_null(13)) f.score = static_cast<int>(r.i64(13));
  f.comments = r.text(14);
  f.action = r.text(15);
  f.complaint_id = r.i64(16);
  f.reopened_work_order_id = r.i64(17);
  f.version = r.i64(18);
  f.created_at = parse_rfc3339(r.text(19)).value_or(Instant{});
  if (!r.is_null(20)) f.completed_at = parse_rfc3339(r.text(20));
  f.survey_response_id = r.i64(21);
  return std::optional<FollowUp>(std::move(f));
}

access::RecordOwnership follow_up_ownership(const FollowUp& f) {
  // "own" reaches the person the follow-up is assigned to.
  return {.organisation_id = f.organisation_id, .owner_user_id = f.assignee_id};
}

Result<std::int64_t> follow_up_assignee(store::Executor& ex, const CrmSettings& settings,
                                        std::int64_t organisation_id) {
  // The customer's care owner, when able to take work (as round-robin judges it).
  auto owner = TRY(ex.query_one(
      "SELECT u.id FROM customer_care c JOIN users u ON u.id = c.care_owner_id WHERE "
      "c.organisation_id = $1 AND u.disabled = 0 AND u.available = 1 AND u.kind = 'user' AND "
      "u.role <> 'customer'",
      {organisation_id}));
  if (owner) return owner->i64(0);
  if (settings.follow_up_group_id == 0) return std::int64_t{0};
  auto member = next_round_robin_member(ex, settings.follow_up_group_id);
  if (member) return *member;
  // Nobody in the group can take work now: the desk assigns by hand.
  if (member.error().code == ErrorCode::validation_failed) return std::int64_t{0};
  return std::move(member).error();
}

Result<std::int64_t> insert_follow_up(store::Executor& ex, const Actor& actor, Instant now,
                                      const CrmSettings& settings, const NewFollowUp& in,
                                      std::string_view source, std::string_view dedupe_key) {
  if (!dedupe_key.empty()) {
    auto taken = TRY(
        ex.query_one("SELECT id FROM follow_ups WHERE dedupe_key = $1", {std::string(dedupe_key)}));
    if (taken) return std::int64_t{0};
  }
  auto stored = TRY(find_calendar(ex, settings.calendar));
  if (!stored) {
    return Error(ErrorCode::validation_failed, "the customer-care calendar does not exist")
        .with_field("calendar", "not_found", settings.calendar);
  }
  auto cal = TRY(build_calendar(stored->spec));
  const Instant due =
      TRY(cal->deadline_days(now, in.due_in_days.value_or(settings.follow_up_days)));
  const std::string method = in.method.empty() ? settings.follow_up_method : in.method;
  const std::int64_t assignee = in.assignee_id == 0 && source != "manual"
                                    ? TRY(follow_up_assignee(ex, settings, in.organisation_id))
                                    : in.assignee_id;
  auto id_or_null = [](std::int64_t v) {
    return v ? store::Value(v) : store::Value(store::Null{});
  };
  auto rows = TRY(ex.query(
      "INSERT INTO follow_ups (organisation_id, source, source_ticket_id, dedupe_key, method, "
      "assignee_id, contact_id, state, calendar, due_at, created_at, survey_response_id) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11) RETURNING id",
      {in.organisation_id, std::string(source), id_or_null(in.source_ticket_id),
       dedupe_key.empty() ? store::Value(store::Null{}) : store::Value(std::string(dedupe_key)),
       method, id_or_null(assignee), id_or_null(in.contact_id), settings.calendar,
       format_rfc3339(due), format_rfc3339(now), id_or_null(in.survey_response_id)}));
  const std::int64_t id = rows.at(0).i64(0);
  TRY_VOID(write_audit(ex, actor, now, "follow_up", id, "create",
                       {{"organisation_id", std::nullopt, std::to_string(in.organisation_id)},
                        {"source", std::nullopt, std::string(source)},
                        {"source_ticket_id", std::nullopt, id_text(in.source_ticket_id)},
                        {"method", std::nullopt, method},
                        {"assignee_id", std::nullopt, id_text(assignee)},
                        {"survey_response_id", std::nullopt, id_text(in.survey_response_id)},
                        {"due_at", std::nullopt, format_rfc3339(due)}}));
  TRY_VOID(emit_event(ex, actor, now, "follow_up.created", "follow_up", id,
                      "{\"source\":\"" + std::string(source) + "\"}"));
  return id;
}

}  // namespace fuwu::app
