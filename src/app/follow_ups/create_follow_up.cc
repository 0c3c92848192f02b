#include "app/follow_ups/follow_up.h"

namespace fuwu::app {

Result<FollowUp> create_follow_up(store::Executor& ex, const Actor& actor, Instant now,
                                  const NewFollowUp& in) {
  if (!access::can(actor.principal, "follow_up.write")) {
    return Error(ErrorCode::permission_denied, "you may not plan follow-ups");
  }
  Error invalid(ErrorCode::validation_failed, "the follow-up is not valid");
  auto org = TRY(ex.query_one("SELECT 1 FROM organisations WHERE id = $1", {in.organisation_id}));
  if (!org) invalid.with_field("organisation_id", "not_found", "no such organisation");
  if (!in.method.empty() && !crm::valid_method(in.method)) {
    invalid.with_field("method", "not_allowed", "phone, visit, letter or message");
  }
  if (in.due_in_days && (*in.due_in_days < 0 || *in.due_in_days > 60)) {
    invalid.with_field("due_in_days", "out_of_range", "0 to 60 working days");
  }
  if (in.assignee_id) {
    auto row = TRY(ex.query_one(
        "SELECT 1 FROM users WHERE id = $1 AND disabled = 0 AND kind = 'user'", {in.assignee_id}));
    if (!row) invalid.with_field("assignee_id", "not_found", "an active member of staff");
  }
  if (in.contact_id) {
    auto row =
        TRY(ex.query_one("SELECT 1 FROM users WHERE id = $1 AND COALESCE(organisation_id, 0) = $2",
                         {in.contact_id, in.organisation_id}));
    if (!row) invalid.with_field("contact_id", "not_found", "a person of the customer");
  }
  std::string source = "manual";
  if (in.source_ticket_id) {
    auto row = TRY(
        ex.query_one("SELECT kind FROM tickets WHERE id = $1 AND COALESCE(organisation_id, 0) = $2",
                     {in.source_ticket_id, in.organisation_id}));
    if (!row) {
      invalid.with_field("source_ticket_id", "not_found", "a ticket or work order of the customer");
    } else {
      source = row->text(0) == "work_order" ? "work_order" : "ticket";
    }
  }
  if (!invalid.fields.empty()) return invalid;
  const auto settings = TRY(load_crm_settings(ex));
  const std::int64_t id = TRY(insert_follow_up(ex, actor, now, settings, in, source, ""));
  auto f = TRY(find_follow_up(ex, id));
  return *f;
}

}  // namespace fuwu::app
