// A survey response below its campaign's low-score threshold (event survey.low_score) opens a
// follow-up for the customer at once: a call back to hear what went wrong, linked to the response
// (and to the work order or ticket the form was about), assigned as every automatic follow-up.
#include "app/follow_ups/follow_up.h"

namespace fuwu::app {

Status plan_low_score_follow_up(store::Executor& ex, Instant now, const CrmSettings& settings,
                                std::int64_t response_id) {
  auto r = TRY(ex.query_one(
      "SELECT r.organisation_id, COALESCE(r.ticket_id, 0), COALESCE(r.submitted_by, 0), "
      "COALESCE((SELECT 1 FROM tickets t WHERE t.id = r.ticket_id AND t.organisation_id = "
      "r.organisation_id), 0), COALESCE((SELECT 1 FROM users u WHERE u.id = r.submitted_by AND "
      "u.organisation_id = r.organisation_id), 0) FROM survey_responses r WHERE r.id = $1",
      {response_id}));
  if (!r) return {};
  NewFollowUp in;
  in.organisation_id = r->i64(0);
  in.survey_response_id = response_id;
  // The record the form was about, when it is the customer's; the person who answered, when
  // that is one of the customer's people (not an agent entering a paper form).
  if (r->i64(3) != 0) in.source_ticket_id = r->i64(1);
  if (r->i64(4) != 0) in.contact_id = r->i64(2);
  TRY_VOID(insert_follow_up(ex, Actor::system("job"), now, settings, in, "survey",
                            "survey:" + std::to_string(response_id)));
  return {};
}

}  // namespace fuwu::app
