// After-sales demo and benchmark data (issue 9): product lines and models of farm machinery and
// generator sets, sold units, service centres with their engineers, spare parts, and work
// orders in Chinese and English spread over the past year — reported, dispatched, answered, on
// site (mostly on time), repaired (some after waiting for parts, some coming back), closed or
// cancelled — with their events, parts issued and faulty parts returned, repair sheets with fault
// codes (every order that reached the site), quotes of out-of-warranty repairs (paid once
// repaired), complaints (about 2 %, some attributable), follow-up outcomes of closed orders, their
// KPI facts, the KPI tallies and the statistics tallies, exactly as the use cases would have kept
// them. Working times are counted on
// the china-mainland calendar. Deterministic for a given random seed; written in large batches.
//
// Seeded orders carry their events (created, state changes, the first answer, the arrival) but
// not the search index; open ones carry their own SLA policy like orders reported on the API.
#pragma once

#include <cstdint>
#include <functional>

#include "app/platform/context.h"

namespace fuwu::app {

struct AfterSalesSeedOptions {
  std::int64_t work_orders = 0;
  int centres = 30;
  int engineers_per_centre = 10;
  int units = 0;  // 0: as many as work orders (at least 1000), ~7 % repeat repairs
  int organisations = 200;
  std::uint64_t random_seed = 20261122;
  int batch = 5000;
  int days = 365;  // the orders are spread over this many days up to now
};

struct AfterSalesSeedReport {
  std::int64_t centres = 0;
  std::int64_t engineers = 0;
  std::int64_t units = 0;
  std::int64_t work_orders = 0;
  std::int64_t stock_movements = 0;
  std::int64_t repair_sheets = 0;
  std::int64_t quotes = 0;
  std::int64_t complaints = 0;
  std::int64_t follow_ups = 0;
};

Result<AfterSalesSeedReport> seed_aftersales(
    Services& services, const AfterSalesSeedOptions& options,
    const std::function<void(std::int64_t done)>& progress);

}  // namespace fuwu::app
