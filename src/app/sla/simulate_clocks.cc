#include "app/calendar/calendars.h"
#include "app/sla/policies.h"

namespace fuwu::app {

Result<Simulation> simulate_clocks(store::Executor& ex, const Actor& actor,
                                   std::optional<sla::PolicyBook> policies,
                                   const sla::RecordFacts& facts,
                                   const std::vector<sla::Event>& events, Instant now,
                                   sla::Explain explain) {
  if (!access::can(actor.principal, "sla.read")) {
    return Error(ErrorCode::permission_denied, "you may not simulate SLA clocks");
  }
  Simulation out;
  out.calendars = TRY(load_calendar_book(ex));
  if (!policies) policies = TRY(load_policy_book(ex));
  out.clocks = TRY(sla::compute_clocks(facts, events, *policies, out.calendars, now, explain));
  return out;
}

}  // namespace fuwu::app
