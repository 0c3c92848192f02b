#include "app/tickets/relations.h"

namespace fuwu::app {

Result<std::optional<MajorReview>> get_major_review(store::Executor& ex, const Actor& actor,
                                                    std::int64_t ticket_id) {
  TRY_VOID(visible_ticket(ex, actor, ticket_id));
  auto row = TRY(ex.query_one(
      "SELECT summary, root_cause, actions, COALESCE(reviewed_by, 0), reviewed_at FROM "
      "major_incident_reviews WHERE ticket_id = $1",
      {ticket_id}));
  if (!row) return std::optional<MajorReview>();
  return std::optional<MajorReview>(MajorReview{ticket_id, row->text(0), row->text(1), row->text(2),
                                                row->i64(3),
                                                parse_rfc3339(row->text(4)).value_or(Instant{})});
}

}  // namespace fuwu::app
