// Monthly statistics (统计分析表, seed 004 §5.1.10, issue 9): the work orders reported in a month
// by product, by fault phenomenon, by fault code, by centre and by engineer (orders, repaired, in
// warranty, parts cost, fees), the parts consumed and returned in the month (stock movements), and
// the service manager's approval, after which the month is distributed as XLSX and PDF by e-mail on
// a working day (the "statistics.distribute" job, src/jobs/statistics.cc). Use cases, one per file.
//
// Figures come from statistics_tallies: app/kpi moves each work order's difference into it (and
// into work_order_facts) in the order's own write unit, so a month reads a few hundred rows
// whatever the number of orders. Parts come from the month's stock movements (covering index).
// Months are "YYYY-MM" in China time; a month that has not begun is validation_failed.
// Fees collected: the payments recorded on the orders' accepted quotes (labour, parts, travel;
// 0 until paid); an order without an accepted quote counts its parts charged out of warranty at
// list price.
//
// Access: "statistics.read" reads, "statistics.approve" approves (service managers).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "base/time.h"
#include "report/language.h"

namespace fuwu::app {

inline constexpr std::string_view kStatisticsDistributeJob = "statistics.distribute";

struct StatFigures {
  std::int64_t orders = 0;
  std::int64_t repaired = 0;
  std::int64_t cancelled = 0;
  std::int64_t in_warranty = 0;
  std::int64_t parts_cost_cents = 0;
  std::int64_t fees_cents = 0;
};

struct StatRow {
  std::int64_t id = 0;  // product model, fault code, centre or engineer id (0: none)
  std::string key;      // code, or the fault phenomenon's text
  std::string label_zh;
  std::string label_en;
  StatFigures figures;
};

struct PartStatRow {
  std::int64_t part_id = 0;
  std::string number;
  std::string name_zh;
  std::string name_en;
  std::int64_t orders = 0;           // work orders it was issued or consumed for in the month
  std::int64_t consumed = 0;         // consumption + issue
  std::int64_t returned_faulty = 0;  // faulty_return
  std::int64_t returned_unused = 0;  // unused_return
  std::int64_t cost_cents = 0;       // consumed × list price
};

struct StatisticsApproval {
  std::int64_t approved_by = 0;
  std::string approved_by_login;
  Instant approved_at;
  std::string note;
  std::optional<Instant> distributed_at;
  std::string recipients;                // comma-separated, after distribution
  std::optional<Instant> distribute_at;  // when the distribution job runs (scheduled at approval)
};

// The complaints received in the month (app/complaints): those that are customer complaints (not
// routed away), those attributable to the service (what the complaint rate counts) and the rate
// over the orders reported in the month, in hundredths of a per cent (-1 with no orders).
struct ComplaintStatistics {
  std::int64_t received = 0;
  std::int64_t attributable = 0;
  std::int64_t rate_bp = -1;
};

struct MonthlyStatistics {
  std::string month;
  StatFigures totals;
  ComplaintStatistics complaints;
  std::vector<StatRow> by_product;
  // The fault phenomenon recorded on the repair sheet, else the fault as reported: at most 100,
  // most orders first.
  std::vector<StatRow> by_fault;
  // The repair sheet's fault code (labels name the code's product line); id 0: no code yet.
  std::vector<StatRow> by_fault_code;
  std::vector<StatRow> by_centre;
  std::vector<StatRow> by_engineer;
  std::vector<PartStatRow> by_part;
  std::optional<StatisticsApproval> approval;
};

// validation_failed for a bad or future month; permission_denied without statistics.read.
Result<MonthlyStatistics> monthly_statistics(store::Executor& ex, const Actor& actor, Instant now,
                                             const std::string& month);

// Approves a month that has ended (validation_failed "month" "not_ended" otherwise; conflict
// when approved already), audited, and schedules its distribution: at 09:00 China time on the
// `working_day`-th working day of the following month on the calendar (default china-mainland),
// or at once when that has passed. Needs statistics.approve.
Result<MonthlyStatistics> approve_monthly_statistics(store::Executor& ex, const Actor& actor,
                                                     Instant now, const std::string& month,
                                                     const std::string& note);

// Shared: the statistics without the access check (for the distribution job).
Result<MonthlyStatistics> load_monthly_statistics(store::Executor& ex, const std::string& month);
// The statistics as an XLSX workbook (sheets: summary, products, fault codes, faults, parts,
// centres, engineers), bilingual headers.
Result<std::string> monthly_statistics_xlsx(const MonthlyStatistics& stats);
// The statistics as a PDF (report/pdf) in Chinese or English, printed at `now`.
Result<std::string> monthly_statistics_pdf(const MonthlyStatistics& stats, report::Language lang,
                                           Instant now);
// Recounts statistics_tallies from work_order_facts (after bulk loads such as fuwu seed).
Status rebuild_statistics_tallies(store::Executor& ex);
// Validates "YYYY-MM" and that the month has begun.
Status check_statistics_month(const std::string& month, Instant now);

}  // namespace fuwu::app
