#include <cstdio>

#include "app/dispatch/dispatch.h"
#include "app/platform/audit.h"

namespace fuwu::app {
namespace {

// The candidates as the audit keeps them: the first 20 ("12 #1 80km; 14 absent,no_skill; …").
std::string candidates_text(const aftersales::DispatchDecision& d) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& r : d.ranked) {
    if (shown++ == 20) {
      out += "; … " + std::to_string(d.ranked.size() - 20) + " more";
      break;
    }
    if (!out.empty()) out += "; ";
    out += std::to_string(r.candidate.engineer_id);
    if (r.rank > 0) {
      char cost[32];
      std::snprintf(cost, sizeof cost, " #%d cost %.0f", r.rank, r.cost);
      out += cost;
    } else {
      std::string why;
      for (auto e : r.excluded_because)
        why += (why.empty() ? " " : ",") + std::string(aftersales::exclusion_code(e));
      out += why;
    }
  }
  return out;
}

}  // namespace

Result<AutoDispatchResult> auto_dispatch(store::Executor& ex, const Actor& actor, Instant now,
                                         std::int64_t work_order_id, std::int64_t expected_version,
                                         std::optional<Instant> at) {
  auto proposal = TRY(propose_dispatch(ex, actor, now, work_order_id, at));
  const auto& d = proposal.decision;
  if (!d.chosen) {
    return Error(ErrorCode::validation_failed, "no engineer can be sent automatically")
        .with_field("engineer_id", "none_eligible", d.explanation_en);
  }
  WorkOrderTransition tr;
  tr.transition = "dispatch";
  tr.engineer_id = *d.chosen;
  tr.reason = "自动派工 / Automatic dispatch: " + d.explanation_zh + " / " + d.explanation_en;
  auto order = TRY(transition_work_order(ex, actor, now, work_order_id, expected_version, tr));
  TRY_VOID(write_audit(ex, actor, now, "ticket", work_order_id, "auto_dispatch",
                       {{"engineer_id", std::nullopt, std::to_string(*d.chosen)},
                        {"reason", std::nullopt, d.explanation_en},
                        {"candidates", std::nullopt, candidates_text(d)}}));
  return AutoDispatchResult{std::move(order), std::move(proposal)};
}

}  // namespace fuwu::app
