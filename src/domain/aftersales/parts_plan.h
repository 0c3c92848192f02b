// The monthly spare parts demand plan (备品配件需要计划, seed 004 §5.1.12): from the repairs'
// actual consumption, what purchasing should buy for the coming month. Pure; no I/O.
//
// For each part: the consumption of the last `history` whole months (oldest first) gives the
// forecast for the plan month, the average rounded up; the safety stock is the sum of the part's
// reorder points; the stock that counts is good stock minus reservations. The suggestion is
//
//     suggested = max(0, forecast + safety − available)
//
// rounded up to a whole multiple of the reorder quantity (the purchasing lot) when one is set.
// Every line says how it was reached (zh-CN/en). Exported as CSV (UTF-8 with BOM, RFC 4180, so
// Excel and WPS open it with the Chinese intact).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fuwu::aftersales {

struct PartDemandInput {
  std::int64_t part_id = 0;
  std::string number;
  std::string name_zh;
  std::string unit;
  std::string supplier;
  std::int64_t price_cents = 0;
  std::vector<std::int64_t> monthly_consumption;  // oldest first; one entry per history month
  std::int64_t on_hand = 0;                       // good stock in every warehouse
  std::int64_t reserved = 0;                      // reserved for work orders
  std::int64_t safety = 0;                        // sum of the reorder points
  std::int64_t lot = 0;                           // reorder quantity; 0: none
};

struct PartDemandLine {
  PartDemandInput input;
  double average = 0;
  std::int64_t forecast = 0;
  std::int64_t available = 0;
  std::int64_t suggested = 0;
  std::int64_t amount_cents = 0;  // suggested × price
  std::string explanation_zh;
  std::string explanation_en;
};

struct DemandPlan {
  std::string month;                  // "2026-08", the month planned for
  std::vector<std::string> history;   // the months counted, oldest first
  std::vector<PartDemandLine> lines;  // by part number
  std::int64_t total_cents = 0;
};

PartDemandLine plan_part(const PartDemandInput& in);
// The column titles (zh-CN / en) of the plan as purchasing receives it, CSV or XLSX.
const std::vector<std::string>& demand_plan_header();
// The CSV purchasing receives: one header row (demand_plan_header) and one row per line.
std::string demand_plan_csv(const DemandPlan& plan);
// RFC 4180 field quoting (quotes fields with a comma, quote, CR or LF; doubles the quotes).
std::string csv_field(std::string_view text);

}  // namespace fuwu::aftersales
