// The monthly statistics as a PDF (统计分析表) on report/pdf, the repair sheet's document writer:
// the summary, then one table per grouping, in Chinese or English.
#include "app/statistics/statistics.h"
#include "base/money.h"
#include "report/format.h"
#include "report/pdf/document.h"

namespace fuwu::app {
namespace {

using report::china_time;
using report::Language;
using report::pick;

std::string count(std::int64_t n) {
  return std::to_string(n);
}

std::string yuan(std::int64_t cents) {
  return format_money({cents, "CNY"});
}

// Rows of a grouping: its key, its name (unless the key is the name, as for fault phenomena),
// then the figures.
void grouped_table(report::pdf::Document& doc, Language l, std::string_view title,
                   std::string key_header, const std::vector<StatRow>& rows, bool named = true) {
  doc.heading(title, 2);
  if (rows.empty()) {
    doc.paragraph(pick(l, "本月没有工单。", "No orders this month."));
    return;
  }
  std::vector<std::string> header = {std::move(key_header)};
  std::vector<double> weights = {1.4};
  if (named) {
    header.push_back(pick(l, "名称", "Name"));
    weights.push_back(3);
  } else {
    weights[0] = 4.4;
  }
  for (auto h : {pick(l, "工单", "Orders"), pick(l, "已修复", "Repaired"),
                 pick(l, "已取消", "Cancelled"), pick(l, "保内", "In warranty"),
                 pick(l, "配件成本", "Parts cost"), pick(l, "收费", "Fees")}) {
    header.push_back(std::move(h));
  }
  weights.insert(weights.end(), {0.9, 0.9, 0.9, 0.9, 1.4, 1.4});
  std::vector<std::vector<std::string>> body;
  for (const auto& r : rows) {
    const auto& f = r.figures;
    std::vector<std::string> row = {r.key.empty() ? "—" : r.key};
    if (named) row.push_back(l == Language::en && !r.label_en.empty() ? r.label_en : r.label_zh);
    for (auto v : {count(f.orders), count(f.repaired), count(f.cancelled), count(f.in_warranty),
                   yuan(f.parts_cost_cents), yuan(f.fees_cents)}) {
      row.push_back(std::move(v));
    }
    body.push_back(std::move(row));
  }
  doc.table(header, body, weights);
}

}  // namespace

Result<std::string> monthly_statistics_pdf(const MonthlyStatistics& st, Language l, Instant now) {
  const std::string title = pick(l, "统计分析表 ", "Monthly statistics ") + st.month;
  report::pdf::Document doc(
      {.title = title,
       .footer = title + " · " + pick(l, "打印于 ", "Printed ") + china_time(now),
       .font_size = 9,
       .landscape = true});
  doc.heading(title);
  std::string state = pick(l, "未批准", "Not approved");
  if (st.approval) {
    const auto& a = *st.approval;
    state = pick(l, "已批准：", "Approved by ") + a.approved_by_login + pick(l, "，", ", ") +
            china_time(a.approved_at);
    if (a.distributed_at) {
      state += pick(l, "；已分发 ", "; distributed ") + china_time(*a.distributed_at);
    }
  }
  const auto& t = st.totals;
  std::vector<std::pair<std::string, std::string>> summary = {
      {pick(l, "月份", "Month"), st.month},
      {pick(l, "状态", "State"), state},
      {pick(l, "报修工单", "Orders reported"), count(t.orders)},
      {pick(l, "已修复", "Repaired"), count(t.repaired)},
      {pick(l, "已取消", "Cancelled"), count(t.cancelled)},
      {pick(l, "保内", "In warranty"), count(t.in_warranty)},
      {pick(l, "配件成本", "Parts cost"), yuan(t.parts_cost_cents)},
      {pick(l, "收费", "Fees collected"), yuan(t.fees_cents)},
      {pick(l, "受理投诉", "Complaints received"), count(st.complaints.received)},
      {pick(l, "服务责任投诉", "Attributable complaints"), count(st.complaints.attributable)},
  };
  if (st.complaints.rate_bp >= 0) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.2f %%", static_cast<double>(st.complaints.rate_bp) / 100);
    summary.push_back({pick(l, "投诉率", "Complaint rate"), rate});
  }
  if (st.approval && !st.approval->note.empty()) {
    summary.push_back({pick(l, "备注", "Note"), st.approval->note});
  }
  doc.heading(pick(l, "汇总", "Summary"), 2);
  doc.fields(summary);

  grouped_table(doc, l, pick(l, "按产品", "By product"), pick(l, "机型", "Model"), st.by_product);
  grouped_table(doc, l, pick(l, "按故障代码", "By fault code"), pick(l, "故障代码", "Fault code"),
                st.by_fault_code);
  grouped_table(doc, l, pick(l, "按故障现象", "By fault phenomenon"),
                pick(l, "故障现象", "Fault phenomenon"), st.by_fault, false);

  doc.heading(pick(l, "按更换配件", "By replaced part"), 2);
  if (st.by_part.empty()) {
    doc.paragraph(pick(l, "本月没有配件消耗或返回。", "No parts consumed or returned this month."));
  } else {
    std::vector<std::vector<std::string>> body;
    for (const auto& p : st.by_part) {
      body.push_back({p.number, l == Language::en && !p.name_en.empty() ? p.name_en : p.name_zh,
                      count(p.orders), count(p.consumed), count(p.returned_faulty),
                      count(p.returned_unused), yuan(p.cost_cents)});
    }
    doc.table({pick(l, "图号", "Number"), pick(l, "名称", "Name"), pick(l, "工单", "Orders"),
               pick(l, "消耗", "Consumed"), pick(l, "旧件返回", "Faulty returned"),
               pick(l, "退库", "Unused returned"), pick(l, "成本", "Cost")},
              body, {1.4, 3, 0.9, 0.9, 1.2, 1.2, 1.4});
  }

  grouped_table(doc, l, pick(l, "按服务网点", "By service centre"), pick(l, "网点", "Centre"),
                st.by_centre);
  grouped_table(doc, l, pick(l, "按工程师", "By engineer"), pick(l, "工程师", "Engineer"),
                st.by_engineer);
  return doc.finish();
}

}  // namespace fuwu::app
