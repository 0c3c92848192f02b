#include "domain/aftersales/parts_plan.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace fuwu::aftersales {
namespace {

std::string yuan(std::int64_t cents) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return buf;
}

std::string one_decimal(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

PartDemandLine plan_part(const PartDemandInput& in) {
  PartDemandLine out;
  out.input = in;
  const auto& m = in.monthly_consumption;
  const std::int64_t used = std::accumulate(m.begin(), m.end(), std::int64_t{0});
  const auto months = static_cast<std::int64_t>(m.size());
  out.average = months ? static_cast<double>(used) / static_cast<double>(months) : 0.0;
  out.forecast = months ? (used + months - 1) / months : 0;
  out.available = in.on_hand - in.reserved;
  std::int64_t need = std::max<std::int64_t>(0, out.forecast + in.safety - out.available);
  if (need > 0 && in.lot > 0) need = (need + in.lot - 1) / in.lot * in.lot;
  out.suggested = need;
  out.amount_cents = need * in.price_cents;
  const std::string s_months = std::to_string(months), s_used = std::to_string(used),
                    s_fore = std::to_string(out.forecast), s_safe = std::to_string(in.safety),
                    s_avail = std::to_string(out.available), s_need = std::to_string(need);
  out.explanation_zh = "近 " + s_months + " 个月耗用 " + s_used + "（月均 " +
                       one_decimal(out.average) + "），预计 " + s_fore + "；安全库存 " + s_safe +
                       "；可用 " + s_avail + "（库存 " + std::to_string(in.on_hand) + " − 预留 " +
                       std::to_string(in.reserved) + "）；建议采购 " + s_need +
                       (in.lot > 0 ? "（按批量 " + std::to_string(in.lot) + " 取整）" : "");
  out.explanation_en = s_used + " used in " + s_months + " months (" + one_decimal(out.average) +
                       " a month), forecast " + s_fore + "; safety stock " + s_safe +
                       "; available " + s_avail + " (stock " + std::to_string(in.on_hand) +
                       " − reserved " + std::to_string(in.reserved) + "); buy " + s_need +
                       (in.lot > 0 ? " (in lots of " + std::to_string(in.lot) + ")" : "");
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const std::vector<std::string>& demand_plan_header() {
  static const std::vector<std::string> header = {
      "计划月份 month",    "配件编号 part number",  "名称 name",
      "单位 unit",         "供应商 supplier",       "月均耗用 monthly average",
      "预计耗用 forecast", "库存 on hand",          "预留 reserved",
      "可用 available",    "安全库存 safety stock", "建议采购 suggested",
      "单价 unit price",   "金额 amount",           "说明 explanation"};
  return header;
}

std::string demand_plan_csv(const DemandPlan& plan) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: Excel and WPS read the Chinese as UTF-8
  auto row = [&out](const auto& cells) {
    bool first = true;
    for (const auto& c : cells) {
      if (!first) out += ',';
      first = false;
      out += csv_field(c);
    }
    out += "\r\n";
  };
  row(demand_plan_header());
  for (const auto& l : plan.lines) {
    const auto& in = l.input;
    const std::string cells[] = {plan.month,
                                 in.number,
                                 in.name_zh,
                                 in.unit,
                                 in.supplier,
                                 one_decimal(l.average),
                                 std::to_string(l.forecast),
                                 std::to_string(in.on_hand),
                                 std::to_string(in.reserved),
                                 std::to_string(l.available),
                                 std::to_string(in.safety),
                                 std::to_string(l.suggested),
                                 yuan(in.price_cents),
                                 yuan(l.amount_cents),
                                 l.explanation_zh};
    row(cells);
  }
  return out;
}

}  // namespace fuwu::aftersales
