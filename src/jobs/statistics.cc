#include "jobs/statistics.h"

#include <boost/json.hpp>

#include "app/statistics/statistics.h"
#include "base/log.h"
#include "domain/notify/mail.h"

namespace fuwu::jobs {
namespace {

std::string yuan(std::int64_t cents) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return buf;
}

std::string mail_body(const app::MonthlyStatistics& st) {
  const auto& t = st.totals;
  std::string b = "统计分析表 " + st.month + " 已由服务经理批准，详见附件（XLSX 与 PDF）。\n";
  b += "报修工单 " + std::to_string(t.orders) + "，已修复 " + std::to_string(t.repaired) +
       "，保内 " + std::to_string(t.in_warranty) + "，配件成本 " + yuan(t.parts_cost_cents) +
       " 元，收费 " + yuan(t.fees_cents) + " 元。\n\n";
  b += "The monthly statistics of " + st.month +
       " were approved by the service manager; the workbook and the PDF are attached.\n";
  b += "Orders " + std::to_string(t.orders) + ", repaired " + std::to_string(t.repaired) +
       ", in warranty " + std::to_string(t.in_warranty) + ", parts cost " +
       yuan(t.parts_cost_cents) + " CNY, fees " + yuan(t.fees_cents) + " CNY.\n";
  return b;
}

}  // namespace

Status run_statistics_job(app::Services& services, const app::Job& job,
                          const NotificationSettings& settings) {
  boost::system::error_code ec;
  auto v = boost::json::parse(job.payload, ec);
  if (ec || !v.is_object() || !v.as_object().contains("month")) {
    return Error(ErrorCode::internal, "malformed statistics job payload");
  }
  const std::string month(v.as_object().at("month").as_string());
  app::MonthlyStatistics st;
  struct Recipient {
    std::string address;
    report::Language language;
  };
  std::vector<Recipient> recipients;
  bool done = false;
  TRY_VOID(services.db.read([&](store::Executor& ex) -> Status {
    auto row = TRY(
        ex.query_one("SELECT distributed_at FROM monthly_statistics WHERE month = $1", {month}));
    if (!row || !row->is_null(0)) {
      done = true;  // not approved (nothing to send) or sent already
      return {};
    }
    st = TRY(app::load_monthly_statistics(ex, month));
    auto users = TRY(ex.query(
        "SELECT email, language FROM users WHERE role = 'manager' AND disabled = 0 AND email IS "
        "NOT NULL AND email <> '' ORDER BY id"));
    for (const auto& u : users) {
      // Users' languages are zh-CN or en (app/users); Chinese for anything else.
      recipients.push_back(
          {u.text(0), report::language_of(u.text(1)).value_or(report::Language::zh_cn)});
    }
    return {};
  }));
  if (done) return {};
  const Instant now = services.clock.now();
  std::vector<std::string> sent;
  if (!settings.smtp) {
    log::warn("statistics.not_mailed", {{"month", month}, {"reason", "no SMTP server"}});
  } else {
    notify::MailAttachment xlsx{"统计分析表-" + month + ".xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                TRY(app::monthly_statistics_xlsx(st))};
    // The PDF in each recipient's language, each made once.
    std::optional<notify::MailAttachment> pdf[2];
    for (std::size_t i = 0; i < recipients.size(); ++i) {
      const auto lang = recipients[i].language;
      auto& doc = pdf[lang == report::Language::en ? 1 : 0];
      if (!doc) {
        doc = notify::MailAttachment{
            report::pick(lang, "统计分析表-", "monthly-statistics-") + month + ".pdf",
            "application/pdf", TRY(app::monthly_statistics_pdf(st, lang, now))};
      }
      notify::OutgoingMail m;
      m.from_address = settings.from_address;
      m.from_name = settings.from_name;
      m.to_address = recipients[i].address;
      m.subject = "统计分析表 " + month + " / Monthly statistics " + month;
      m.body = mail_body(st);
      m.message_id = "<statistics-" + month + "-" + std::to_string(job.id) + "-" +
                     std::to_string(i) + "@fuwu.localdomain>";
      m.date = now;
      m.attachments.push_back(xlsx);
      m.attachments.push_back(*doc);
      TRY_VOID(net::send_mail(*settings.smtp, settings.from_address, recipients[i].address,
                              notify::build_mail(m)));
      sent.push_back(recipients[i].address);
    }
  }
  std::string list;
  for (const auto& r : sent)
    list += (list.empty() ? "" : ",") + r;
  return services.db.write([&](store::Executor& ex) -> Status {
    TRY_VOID(ex.exec(
        "UPDATE monthly_statistics SET distributed_at = $2, recipients = $3 WHERE month = $1 AND "
        "distributed_at IS NULL",
        {month, format_rfc3339(now), list}));
    return {};
  });
}

}  // namespace fuwu::jobs
