// The analysis report as a workbook (report/xlsx): summary with the validity and N/A statements,
// per-question figures, the distribution of answers, centres, engineers, comments and the trend.
#include "app/surveys/survey.h"
#include "report/xlsx/xlsx.h"

namespace fuwu::app {
namespace {

using report::Cell;

Cell text(std::string s) {
  return Cell(std::move(s));
}
Cell opt(const std::optional<double>& v) {
  return v ? Cell(*v) : Cell();
}

std::string band_text(const std::optional<survey::Band>& b) {
  if (!b) return "—";
  return std::string(survey::band_label_zh(*b)) + " " + std::string(survey::band_label_en(*b));
}

report::Sheet groups_sheet(std::string name, std::string title, std::string label,
                           const std::vector<SurveyReport::Group>& groups) {
  report::Sheet s;
  s.name = std::move(name);
  s.title = std::move(title);
  s.header = {std::move(label), "答卷 Responses", "满意度 Satisfaction %", "评价 Band"};
  s.widths = {28, 14, 20, 26};
  for (const auto& g : groups) {
    s.rows.push_back({text(g.id == 0 ? "—" : g.name), Cell(g.responses), Cell(g.score_percent),
                      text(band_text(g.band))});
  }
  return s;
}

}  // namespace

Result<std::string> survey_report_xlsx(const SurveyReport& r) {
  const auto& c = r.campaign;
  const auto& rr = r.return_rate;
  const std::string title = "顾客满意度分析报告 Customer satisfaction analysis — " + c.name_zh;
  std::vector<report::Sheet> sheets;

  report::Sheet summary;
  summary.name = "汇总 Summary";
  summary.title = title;
  summary.header = {"项目 Item", "数值 Value"};
  summary.widths = {34, 70};
  summary.rows = {
      {text("调查 Campaign"), text(c.name_zh + (c.name_en.empty() ? "" : " / " + c.name_en))},
      {text("问卷 Questionnaire"),
       text(c.template_name_zh + " v" + std::to_string(c.template_version))},
      {text("渠道 Channel"), text(c.channel)},
      {text("发放 Invitations"), Cell(rr.invitations)},
      {text("回收 Responses"), Cell(rr.responses)},
      {text("回收率 Return rate %"), Cell(rr.percent)},
      {text("有效回收率 Required %"), Cell(static_cast<double>(rr.required_bp) / 100.0)},
      {text("有效 Valid"), text(rr.valid ? "有效 valid" : "无效 NOT valid")},
      {text("顾客满意度 Satisfaction %"), opt(r.score_percent)},
      {text("评价 Band"), text(band_text(r.band))},
      {text("说明 Validity"), text(r.validity_zh)},
      {text(""), text(r.validity_en)},
      {text("不适用 Not applicable"), text(r.not_applicable_zh)},
      {text(""), text(r.not_applicable_en)},
  };
  sheets.push_back(std::move(summary));

  report::Sheet questions;
  questions.name = "各题 Questions";
  questions.title = title;
  questions.header = {"键 Key",        "题目 Question", "Question (en)",  "权重 Weight",
                      "回答 Answered", "不适用 N/A",    "平均分 Average", "折算 Average %"};
  questions.widths = {14, 40, 40, 12, 12, 12, 14, 14};
  report::Sheet distribution;
  distribution.name = "分布 Distribution";
  distribution.title = title;
  distribution.header = {"键 Key", "题目 Question", "答案 Answer", "答卷 Responses"};
  distribution.widths = {14, 40, 16, 14};
  for (const auto& s : r.per_question) {
    const survey::Question* q = nullptr;
    for (const auto& candidate : r.questions)
      if (candidate.key == s.key) q = &candidate;
    if (q == nullptr) continue;
    questions.rows.push_back({text(q->key), text(q->text_zh), text(q->text_en),
                              Cell(static_cast<double>(q->weight_bp) / 10000.0), Cell(s.answered),
                              Cell(s.not_applicable), opt(s.average), opt(s.average_percent)});
    for (const auto& d : s.distribution) {
      std::string answer = d.answer == -1 ? "不适用 N/A" : std::to_string(d.answer);
      const auto point = static_cast<std::size_t>(d.answer - q->scale_min);
      if (d.answer != -1 && point < q->labels_zh.size()) answer += " " + q->labels_zh[point];
      distribution.rows.push_back(
          {text(q->key), text(q->text_zh), text(std::move(answer)), Cell(d.responses)});
    }
  }
  sheets.push_back(std::move(questions));
  sheets.push_back(std::move(distribution));
  sheets.push_back(groups_sheet("服务中心 Centres", title, "服务中心 Service centre", r.by_centre));
  sheets.push_back(groups_sheet("工程师 Engineers", title, "工程师 Engineer", r.by_engineer));

  report::Sheet comments;
  comments.name = "意见 Comments";
  comments.title = title + " (" + std::to_string(r.comments.size()) + " / " +
                   std::to_string(r.comments_total) + ")";
  comments.header = {"客户 Customer", "题目 Question", "意见 Comment"};
  comments.widths = {30, 14, 80};
  for (const auto& cm : r.comments)
    comments.rows.push_back({text(cm.organisation_name), text(cm.question_key), text(cm.comment)});
  sheets.push_back(std::move(comments));

  report::Sheet trend;
  trend.name = "趋势 Trend";
  trend.title = title;
  trend.header = {"调查 Campaign",         "日期 Date", "发放 Invitations", "回收 Responses",
                  "满意度 Satisfaction %", "有效 Valid"};
  trend.widths = {34, 22, 14, 14, 20, 12};
  for (const auto& t : r.trend) {
    trend.rows.push_back({text(t.name_zh), text(format_rfc3339(t.created_at, 8 * 3600, false)),
                          Cell(t.invitations), Cell(t.responses), opt(t.score_percent),
                          text(t.valid ? "有效" : "无效")});
  }
  sheets.push_back(std::move(trend));
  return report::xlsx_workbook(sheets);
}

}  // namespace fuwu::app
