#include "app/attachments/attachments.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/work_orders/work_order.h"
#include "base/money.h"
#include "report/format.h"
#include "report/repair_sheet.h"

namespace fuwu::app {
namespace {

using report::china_time;

std::string kind_label(const std::string& k) {
  if (k == "repair") return "报修 / Repair";
  if (k == "installation") return "安装调试 / Installation";
  if (k == "training") return "培训 / Training";
  if (k == "maintenance") return "保养 / Maintenance";
  if (k == "inspection") return "巡检 / Inspection";
  return k;
}

std::string verdict_label(const std::string& v) {
  if (v == "satisfied") return "满意 / Satisfied";
  if (v == "fairly_satisfied") return "较满意 / Fairly satisfied";
  if (v == "neutral") return "一般 / Neutral";
  if (v == "dissatisfied") return "不满意 / Dissatisfied";
  return "";
}

std::string method_label(const std::string& m) {
  if (m == "cash") return "现金 / cash";
  if (m == "transfer") return "转账 / bank transfer";
  if (m == "card") return "刷卡 / card";
  if (m == "wechat") return "微信支付 / WeChat Pay";
  if (m == "alipay") return "支付宝 / Alipay";
  return m;
}

Result<std::string> text_of(store::Executor& ex, std::string_view sql, std::int64_t id) {
  if (id == 0) return std::string();
  auto row = TRY(ex.query_one(sql, {id}));
  return row ? row->text(0) : std::string();
}

// The fee: free in warranty, else the accepted quote and its payment (seed 004 §5.1.16).
Result<std::string> fee_text(store::Executor& ex, const WorkOrder& w) {
  if (!w.quote_required) return std::string("免费（保修期内）/ Free of charge (in warranty)");
  auto q =
      TRY(ex.query_one("SELECT total, currency, paid_amount, payment_method, paid_at FROM quotes "
                       "WHERE work_order_id = $1 AND state = 'accepted' ORDER BY id DESC LIMIT 1",
                       {w.ticket.id}));
  if (!q) return std::string("保外维修，报价未确认 / Out of warranty, no accepted quote");
  std::string s = "保外有偿维修，报价 " + format_money({q->i64(0), q->text(1)}) +
                  " / Out of warranty, quoted " + format_money({q->i64(0), q->text(1)});
  if (q->is_null(2)) return s + "；未收款 / not paid yet";
  const auto paid_at = parse_rfc3339(q->text(4));
  const std::int64_t owed = q->i64(0) - q->i64(2);
  s += "；已收款 " + format_money({q->i64(2), q->text(1)}) + "（" + method_label(q->text(3)) +
       (paid_at ? "，" + china_time(*paid_at) : "") + "）/ paid";
  if (owed > 0) {
    s += "；尚欠 " + format_money({owed, q->text(1)}) + " / " + format_money({owed, q->text(1)}) +
         " outstanding";
  }
  return s;
}

}  // namespace

Result<std::string> repair_sheet_pdf(store::Executor& ex, const Actor& actor, Instant now,
                                     std::int64_t id) {
  const auto w = TRY(get_work_order(ex, actor, id));
  const auto s = TRY(load_repair_sheet(ex, id));
  const Ticket& t = w.ticket;
  report::RepairSheetDocument d;
  d.issuer =
      TRY(text_of(ex, "SELECT name_zh FROM service_centres WHERE id = $1", w.service_centre_id));
  if (d.issuer.empty()) d.issuer = "售后服务中心";
  d.number = t.number;
  const std::string customer =
      TRY(text_of(ex, "SELECT name FROM organisations WHERE id = $1", t.organisation_id));
  const std::string site = TRY(
      text_of(ex,
              "SELECT name || CASE WHEN address = '' THEN '' ELSE '，' || address END FROM sites "
              "WHERE id = $1",
              t.site_id));
  const std::string model =
      TRY(text_of(ex,
                  "SELECT m.code || ' ' || m.name_zh FROM units u JOIN product_models m ON m.id = "
                  "u.model_id WHERE u.id = $1",
                  w.unit_id));
  const std::string engineer =
      TRY(text_of(ex,
                  "SELECT CASE WHEN display_name = '' THEN login ELSE display_name END FROM users "
                  "WHERE id = $1",
                  t.assignee_id));
  d.order = {
      {"工单号 / Order", t.number},
      {"类型 / Kind", kind_label(w.wo_kind)},
      {"客户 / Customer", customer},
      {"现场 / Site", site},
      {"机型 / Model", model},
      {"序列号 / Serial", w.unit_serial},
      {"报修日期 / Reported", format_date(w.reported_on)},
      {"保修 / Warranty",
       w.in_warranty ? "保修期内 / In warranty" +
                           (w.warranty_ends_on ? "（至 " + format_date(*w.warranty_ends_on) + "）"
                                               : std::string())
                     : "已过保修期 / Out of warranty"},
      {"维修工程师 / Engineer", engineer},
      {"完成时间 / Repaired", t.resolved_at ? china_time(*t.resolved_at) : ""},
  };
  d.fault_reported = w.fault;
  d.fault_phenomenon = s.fault_phenomenon;
  if (s.fault_code) d.fault_code = s.fault_code->code + " " + s.fault_code->label_zh;
  d.cause = s.cause;
  d.solution = s.solution.empty() ? t.resolution : s.solution;
  for (const auto& p : s.parts_replaced) {
    bool returned = false;
    for (const auto& r : s.faulty_returned)
      returned = returned || r.part_id == p.part_id;
    d.parts.push_back({p.part_number, p.part_name, std::to_string(p.quantity) + " " + p.unit,
                       returned ? "是 / yes" : "否 / no"});
  }
  d.self_check = s.self_check == "passed"   ? "合格 / Passed"
                 : s.self_check == "failed" ? "不合格 / Failed"
                                            : "";
  if (!s.self_check_note.empty()) d.self_check += "（" + s.self_check_note + "）";
  d.verdict = verdict_label(s.customer_verdict);
  d.comment = s.customer_comment;
  d.fee = TRY(fee_text(ex, w));
  if (s.repeat_of) {
    d.repeat_note = "重复维修：同一机器同一故障，计入 " + s.repeat_of->number +
                    " / Repeat repair of " + s.repeat_of->number;
  }
  if (!s.signature_sha256.empty()) {
    d.signature_png = TRY(read_blob(ex, s.signature_sha256));
    d.signer = s.signer_name;
    if (s.signed_at) d.signed_at = china_time(*s.signed_at);
  }
  d.printed_at = china_time(now);
  return report::render_repair_sheet(d);
}

}  // namespace fuwu::app
