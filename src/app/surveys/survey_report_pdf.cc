// The analysis report (顾客满意度分析报告) as a PDF on report/pdf, the repair sheet's document
// writer: validity and the overall score first, then per question, the distribution, the bands,
// centres, engineers, the trend and the comments, in Chinese or English.
#include <cstdio>

#include "app/surveys/survey.h"
#include "report/format.h"
#include "report/pdf/document.h"

namespace fuwu::app {
namespace {

using report::china_date;
using report::Language;
using report::pick;

std::string percent(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f %%", *v);
  return buf;
}

std::string decimal(const std::optional<double>& v) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

std::string band_text(Language l, const std::optional<survey::Band>& b) {
  if (!b) return "—";
  return std::string(l == Language::en ? survey::band_label_en(*b) : survey::band_label_zh(*b));
}

void groups_table(report::pdf::Document& doc, Language l, std::string_view title, std::string label,
                  const std::vector<SurveyReport::Group>& groups) {
  doc.heading(title, 2);
  if (groups.empty()) {
    doc.paragraph(pick(l, "没有答卷。", "No responses."));
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& g : groups) {
    rows.push_back({g.id == 0 ? pick(l, "（未记录）", "(not recorded)") : g.name,
                    std::to_string(g.responses), percent(g.score_percent), band_text(l, g.band)});
  }
  doc.table({std::move(label), pick(l, "答卷", "Responses"), pick(l, "满意度", "Satisfaction"),
             pick(l, "评价", "Band")},
            rows, {3, 1, 1.2, 1.4});
}

}  // namespace

Result<std::string> survey_report_pdf(const SurveyReport& r, Language l, Instant now) {
  const auto& c = r.campaign;
  const auto& rr = r.return_rate;
  const bool en = l == Language::en;
  const std::string name = en && !c.name_en.empty() ? c.name_en : c.name_zh;
  const std::string title = pick(l, "顾客满意度分析报告", "Customer satisfaction analysis");
  report::pdf::Document doc(
      {.title = title + " — " + name,
       .footer = name + " · " + pick(l, "打印于 ", "Printed ") + report::china_time(now),
       .font_size = 9});
  doc.heading(title);
  doc.heading(name, 2);
  doc.fields({
      {pick(l, "问卷", "Questionnaire"),
       c.template_name_zh + " v" + std::to_string(c.template_version)},
      {pick(l, "渠道", "Channel"), c.channel},
      {pick(l, "发放", "Invitations"), std::to_string(rr.invitations)},
      {pick(l, "回收", "Responses"), std::to_string(rr.responses)},
      {pick(l, "回收率", "Return rate"), percent(rr.percent)},
      {pick(l, "要求回收率", "Required rate"),
       percent(static_cast<double>(rr.required_bp) / 100.0)},
      {pick(l, "是否有效", "Valid"),
       rr.valid ? pick(l, "有效", "valid") : pick(l, "无效", "NOT valid")},
      {pick(l, "顾客满意度", "Satisfaction"), percent(r.score_percent)},
      {pick(l, "评价", "Band"), band_text(l, r.band)},
  });
  doc.paragraph(en ? r.validity_en : r.validity_zh);
  if (!r.not_applicable_zh.empty()) doc.paragraph(en ? r.not_applicable_en : r.not_applicable_zh);

  doc.heading(pick(l, "各题得分", "Per question"), 2);
  std::vector<std::vector<std::string>> questions;
  std::vector<std::vector<std::string>> distribution;
  for (const auto& s : r.per_question) {
    const survey::Question* q = nullptr;
    for (const auto& candidate : r.questions)
      if (candidate.key == s.key) q = &candidate;
    if (q == nullptr) continue;
    const std::string text = en && !q->text_en.empty() ? q->text_en : q->text_zh;
    questions.push_back({text, decimal(static_cast<double>(q->weight_bp) / 10000.0),
                         std::to_string(s.answered), std::to_string(s.not_applicable),
                         decimal(s.average), percent(s.average_percent)});
    const auto& labels = en && !q->labels_en.empty() ? q->labels_en : q->labels_zh;
    for (const auto& d : s.distribution) {
      std::string answer = d.answer == -1 ? pick(l, "不适用", "N/A") : std::to_string(d.answer);
      const auto point = static_cast<std::size_t>(d.answer - q->scale_min);
      if (d.answer != -1 && point < labels.size()) answer += " " + labels[point];
      distribution.push_back({text, std::move(answer), std::to_string(d.responses)});
    }
  }
  doc.table({pick(l, "题目", "Question"), pick(l, "权重", "Weight"), pick(l, "回答", "Answered"),
             pick(l, "不适用", "N/A"), pick(l, "平均分", "Average"), pick(l, "折算", "Average %")},
            questions, {3.4, 0.8, 0.9, 0.8, 0.9, 1});

  doc.heading(pick(l, "答案分布", "Distribution of answers"), 2);
  doc.table({pick(l, "题目", "Question"), pick(l, "答案", "Answer"), pick(l, "答卷", "Responses")},
            distribution, {3.4, 2, 1});

  doc.heading(pick(l, "评价分布", "Responses by band"), 2);
  std::vector<std::vector<std::string>> bands;
  for (const auto& [band, n] : r.bands) {
    std::string label = band;
    for (auto b : {survey::Band::satisfied, survey::Band::fairly_satisfied,
                   survey::Band::moderately_satisfied, survey::Band::dissatisfied}) {
      if (survey::band_name(b) == band) label = band_text(l, b);
    }
    bands.push_back({std::move(label), std::to_string(n)});
  }
  doc.table({pick(l, "评价", "Band"), pick(l, "答卷", "Responses")}, bands, {3, 1});

  groups_table(doc, l, pick(l, "按服务中心", "By service centre"),
               pick(l, "服务中心", "Service centre"), r.by_centre);
  groups_table(doc, l, pick(l, "按工程师", "By engineer"), pick(l, "工程师", "Engineer"),
               r.by_engineer);

  doc.heading(pick(l, "趋势", "Trend"), 2);
  std::vector<std::vector<std::string>> trend;
  for (const auto& t : r.trend) {
    trend.push_back({en && !t.name_en.empty() ? t.name_en : t.name_zh, china_date(t.created_at),
                     std::to_string(t.invitations), std::to_string(t.responses),
                     percent(t.score_percent),
                     t.valid ? pick(l, "有效", "valid") : pick(l, "无效", "not valid")});
  }
  doc.table(
      {pick(l, "调查", "Campaign"), pick(l, "日期", "Date"), pick(l, "发放", "Invitations"),
       pick(l, "回收", "Responses"), pick(l, "满意度", "Satisfaction"), pick(l, "有效", "Valid")},
      trend, {3, 1.3, 1, 1, 1.2, 0.9});

  doc.heading(pick(l, "顾客意见", "Comments"), 2);
  if (r.comments.empty()) {
    doc.paragraph(pick(l, "没有意见。", "No comments."));
  } else {
    doc.paragraph(pick(l, "最新 ", "The newest ") + std::to_string(r.comments.size()) +
                  pick(l, " 条，共 ", " of ") + std::to_string(r.comments_total) +
                  pick(l, " 条。", "."));
    std::vector<std::vector<std::string>> comments;
    for (const auto& cm : r.comments)
      comments.push_back({cm.organisation_name, cm.question_key, cm.comment});
    doc.table(
        {pick(l, "客户", "Customer"), pick(l, "题目", "Question"), pick(l, "意见", "Comment")},
        comments, {2, 1.2, 5});
  }
  return doc.finish();
}

}  // namespace fuwu::app
