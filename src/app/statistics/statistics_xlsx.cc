#include "app/statistics/statistics.h"
#include "report/xlsx/xlsx.h"

namespace fuwu::app {
namespace {

using report::Cell;
using report::Money;

const std::vector<std::string> kFigureHeader = {"工单数 Orders",       "已修复 Repaired",
                                                "已取消 Cancelled",    "保内 In warranty",
                                                "配件成本 Parts cost", "收费 Fees"};

void add_figures(std::vector<Cell>& row, const StatFigures& f) {
  row.insert(row.end(), {Cell(f.orders), Cell(f.repaired), Cell(f.cancelled), Cell(f.in_warranty),
                         Cell(Money{f.parts_cost_cents}), Cell(Money{f.fees_cents})});
}

report::Sheet grouped_sheet(const std::string& name, const std::string& title,
                            const std::string& key_header, const std::vector<StatRow>& rows) {
  report::Sheet s;
  s.name = name;
  s.title = title;
  s.header = {key_header, "名称 Name (zh)", "Name (en)"};
  s.header.insert(s.header.end(), kFigureHeader.begin(), kFigureHeader.end());
  s.widths = {16, 28, 28};
  for (const auto& r : rows) {
    std::vector<Cell> row{Cell(r.key), Cell(r.label_zh), Cell(r.label_en)};
    add_figures(row, r.figures);
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace

Result<std::string> monthly_statistics_xlsx(const MonthlyStatistics& st) {
  const std::string title = "统计分析表 Monthly statistics " + st.month;
  std::vector<report::Sheet> sheets;
  report::Sheet summary;
  summary.name = "汇总 Summary";
  summary.title = title;
  summary.header = {"项目 Item", "数值 Value"};
  summary.widths = {36, 20};
  const auto& t = st.totals;
  summary.rows = {
      {Cell(std::string("报修工单 Orders reported")), Cell(t.orders)},
      {Cell(std::string("已修复 Repaired")), Cell(t.repaired)},
      {Cell(std::string("已取消 Cancelled")), Cell(t.cancelled)},
      {Cell(std::string("保内 In warranty")), Cell(t.in_warranty)},
      {Cell(std::string("配件成本 Parts cost")), Cell(Money{t.parts_cost_cents})},
      {Cell(std::string("收费 Fees collected")), Cell(Money{t.fees_cents})},
      {Cell(std::string("受理投诉 Complaints received")), Cell(st.complaints.received)},
      {Cell(std::string("服务责任投诉 Attributable complaints")), Cell(st.complaints.attributable)},
  };
  if (st.complaints.rate_bp >= 0) {
    summary.rows.push_back({Cell(std::string("投诉率 Complaint rate (%)")),
                            Cell(static_cast<double>(st.complaints.rate_bp) / 100.0)});
  }
  if (st.approval) {
    summary.rows.push_back(
        {Cell(std::string("批准人 Approved by")), Cell(st.approval->approved_by_login)});
    summary.rows.push_back({Cell(std::string("批准时间 Approved at")),
                            Cell(format_rfc3339(st.approval->approved_at))});
    if (!st.approval->note.empty()) {
      summary.rows.push_back({Cell(std::string("备注 Note")), Cell(st.approval->note)});
    }
  } else {
    summary.rows.push_back(
        {Cell(std::string("状态 State")), Cell(std::string("未批准 Not approved"))});
  }
  sheets.push_back(std::move(summary));
  sheets.push_back(
      grouped_sheet("产品 Products", title + " — 按产品 by product", "机型 Model", st.by_product));
  sheets.push_back(grouped_sheet("故障代码 Fault codes", title + " — 按故障代码 by fault code",
                                 "故障代码 Fault code", st.by_fault_code));
  sheets.push_back(grouped_sheet("故障 Faults", title + " — 按故障现象 by fault phenomenon",
                                 "故障现象 Fault phenomenon", st.by_fault));
  report::Sheet parts;
  parts.name = "配件 Parts";
  parts.title = title + " — 按更换配件 by replaced part";
  parts.header = {"图号 Number",          "名称 Name (zh)", "Name (en)",
                  "工单数 Orders",        "消耗 Consumed",  "旧件返回 Faulty returned",
                  "退库 Unused returned", "成本 Cost"};
  parts.widths = {16, 28, 28};
  for (const auto& p : st.by_part) {
    parts.rows.push_back({Cell(p.number), Cell(p.name_zh), Cell(p.name_en), Cell(p.orders),
                          Cell(p.consumed), Cell(p.returned_faulty), Cell(p.returned_unused),
                          Cell(Money{p.cost_cents})});
  }
  sheets.push_back(std::move(parts));
  sheets.push_back(grouped_sheet("网点 Centres", title + " — 按服务网点 by centre", "网点 Centre",
                                 st.by_centre));
  sheets.push_back(grouped_sheet("工程师 Engineers", title + " — 按工程师 by engineer",
                                 "工程师 Engineer", st.by_engineer));
  return report::xlsx_workbook(sheets);
}

}  // namespace fuwu::app
