// Recounts statistics_tallies from work_order_facts (as migration 0031 first filled it): for bulk
// loads that write the facts directly (fuwu seed) and for checking the tallies kept on write.
#include "app/statistics/statistics.h"

namespace fuwu::app {

Status rebuild_statistics_tallies(store::Executor& ex) {
  TRY_VOID(ex.exec("DELETE FROM statistics_tallies"));
  TRY_VOID(ex.exec(
      "INSERT INTO statistics_tallies (month, dimension, key_id, key_text, orders, repaired, "
      "cancelled, in_warranty, parts_cost_cents, fees_cents) SELECT reported_month, d.dimension, "
      "CASE d.dimension WHEN 'product' THEN COALESCE(model_id, 0) WHEN 'fault_code' THEN "
      "COALESCE(fault_code_id, 0) WHEN 'centre' THEN service_centre_id WHEN 'engineer' THEN "
      "COALESCE(engineer_id, 0) ELSE 0 END AS k, CASE d.dimension WHEN 'fault' THEN fault ELSE "
      "'' END AS t, COUNT(*), SUM(CASE WHEN resolved_month IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(cancelled), SUM(in_warranty), SUM(parts_cost_cents), SUM(fees_cents) FROM "
      "work_order_facts, (SELECT 'total' AS dimension UNION ALL SELECT 'product' UNION ALL "
      "SELECT 'fault_code' UNION ALL SELECT 'fault' UNION ALL SELECT 'centre' UNION ALL SELECT "
      "'engineer') d GROUP BY reported_month, d.dimension, k, t"));
  return {};
}

}  // namespace fuwu::app
