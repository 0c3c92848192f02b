// The monthly parts demand plan as a workbook for purchasing (seed 004 §5.1.12), written by the
// generic XLSX writer the monthly statistics and the survey reports use.
#include "app/parts_planning/planning.h"
#include "report/xlsx/xlsx.h"

namespace fuwu::app {

Result<std::string> parts_demand_plan_xlsx(const aftersales::DemandPlan& plan) {
  using report::Cell;
  report::Sheet s;
  s.name = "需求计划 Demand plan";
  s.title = "备品配件需求计划 Spare parts demand plan — " + plan.month;
  s.header = aftersales::demand_plan_header();
  for (const auto& m : plan.history)
    s.header.push_back("耗用 used " + m);
  s.widths = {12, 16, 22, 8, 18, 12, 12, 10, 10, 10, 12, 12, 12, 14, 60};
  for (const auto& l : plan.lines) {
    const auto& in = l.input;
    std::vector<Cell> row = {Cell(plan.month),
                             Cell(in.number),
                             Cell(in.name_zh),
                             Cell(in.unit),
                             Cell(in.supplier),
                             Cell(l.average),
                             Cell(l.forecast),
                             Cell(in.on_hand),
                             Cell(in.reserved),
                             Cell(l.available),
                             Cell(in.safety),
                             Cell(l.suggested),
                             Cell(report::Money{in.price_cents}),
                             Cell(report::Money{l.amount_cents}),
                             Cell(l.explanation_zh)};
    for (auto used : in.monthly_consumption)
      row.emplace_back(used);
    s.rows.push_back(std::move(row));
  }
  std::vector<Cell> total(s.header.size());
  total[0] = Cell(std::string("合计 Total"));
  total[13] = Cell(report::Money{plan.total_cents});
  s.rows.push_back(std::move(total));
  return report::xlsx_workbook({s});
}

}  // namespace fuwu::app
