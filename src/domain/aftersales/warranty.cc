#include "domain/aftersales/warranty.h"

#include <algorithm>
#include <array>

namespace fuwu::aftersales {
namespace {

constexpr std::array<std::pair<DateBasis, std::string_view>, 4> kBases = {
    {{DateBasis::installation, "installation"},
     {DateBasis::delivery, "delivery"},
     {DateBasis::sale, "sale"},
     {DateBasis::production, "production"}}};

std::string_view basis_zh(DateBasis b) {
  switch (b) {
    case DateBasis::installation:
      return "安装日期";
    case DateBasis::delivery:
      return "交付日期";
    case DateBasis::sale:
      return "销售日期";
    case DateBasis::production:
      return "生产日期";
  }
  return "";
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

}  // namespace

std::string_view basis_name(DateBasis b) {
  for (const auto& [v, name] : kBases)
    if (v == b) return name;
  return "";
}

std::optional<DateBasis> parse_basis(std::string_view text) {
  for (const auto& [v, name] : kBases)
    if (name == text) return v;
  return std::nullopt;
}

std::optional<std::vector<DateBasis>> parse_start_rule(std::string_view text) {
  std::vector<DateBasis> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto word = text.substr(0, comma);
    const auto b = parse_basis(word);
    if (!b || std::find(out.begin(), out.end(), *b) != out.end()) return std::nullopt;
    out.push_back(*b);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty()) return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string format_start_rule(const std::vector<DateBasis>& rule) {
  std::string out;
  for (const auto b : rule) {
    if (!out.empty()) out += ',';
    out += basis_name(b);
  }
  return out;
}

std::optional<Date> date_of(const UnitDates& d, DateBasis b) {
  switch (b) {
    case DateBasis::installation:
      return d.installation;
    case DateBasis::delivery:
      return d.delivery;
    case DateBasis::sale:
      return d.sale;
    case DateBasis::production:
      return d.production;
  }
  return std::nullopt;
}

std::string_view reason_name(WarrantyReason r) {
  switch (r) {
    case WarrantyReason::in_term:
      return "in_term";
    case WarrantyReason::extended:
      return "extended";
    case WarrantyReason::expired:
      return "expired";
    case WarrantyReason::not_started:
      return "not_started";
    case WarrantyReason::no_start_date:
      return "no_start_date";
  }
  return "";
}

Date term_end(Date start, int months) {
  const int total = start.year * 12 + (start.month - 1) + months;
  Date same{total / 12, total % 12 + 1, 1};
  same.day = std::min(start.day, days_in_month(same.year, same.month));
  return add_days(same, -1);
}

Result<WarrantyStatus> warranty_status(const UnitDates& dates, const WarrantyTerms& terms,
                                       const std::vector<PartTerm>& parts,
                                       const std::vector<Extension>& extensions,
                                       std::string_view part_code, Date on) {
  WarrantyStatus s;
  s.part_code = std::string(part_code);
  s.term_months = terms.unit_months;
  s.term_source = "model";
  if (!part_code.empty()) {
    const auto it = std::find_if(parts.begin(), parts.end(),
                                 [&](const PartTerm& p) { return p.code == part_code; });
    if (it == parts.end()) {
      return Error(ErrorCode::not_found, "the model has no major part with this code")
          .with_field("part", "not_found", "a part code of the unit's model");
    }
    s.term_months = it->months;
    s.term_source = "part";
  }
  for (const auto b : terms.start_rule) {
    if (const auto d = date_of(dates, b)) {
      s.basis = b;
      s.starts_on = *d;
      break;
    }
    s.fallbacks_skipped.emplace_back(basis_name(b));
  }
  if (!s.starts_on) return s;  // no_start_date: out of warranty until a date is recorded

  s.term_ends_on = term_end(*s.starts_on, s.term_months);
  s.ends_on = s.term_ends_on;
  // An extension of this part, or of the whole unit, counts when it reaches further.
  for (const auto& e : extensions) {
    if (!e.part_code.empty() && e.part_code != part_code) continue;
    if (e.ends_on > *s.ends_on) {
      s.ends_on = e.ends_on;
      s.extension_contract = e.contract;
    }
  }
  if (on < *s.starts_on) {
    s.reason = WarrantyReason::not_started;
  } else if (on <= *s.term_ends_on) {
    s.reason = WarrantyReason::in_term;
    s.in_warranty = true;
  } else if (on <= *s.ends_on) {
    s.reason = WarrantyReason::extended;
    s.in_warranty = true;
  } else {
    s.reason = WarrantyReason::expired;
  }
  return s;
}

std::string explain_zh(const WarrantyStatus& s) {
  if (!s.starts_on) return "保外：设备没有可用于起算保修期的日期";
  std::string out = s.in_warranty ? "保内：" : "保外：";
  out += "自" + std::string(basis_zh(*s.basis)) + " " + format_date(*s.starts_on) + " 起 " +
         std::to_string(s.term_months) + " 个月";
  if (s.reason == WarrantyReason::not_started) return out + "，尚未开始";
  out += "，至 " + format_date(*s.term_ends_on);
  if (!s.extension_contract.empty()) {
    out += "；合同 " + s.extension_contract + " 延保至 " + format_date(*s.ends_on);
  }
  return out;
}

std::string explain_en(const WarrantyStatus& s) {
  if (!s.starts_on) return "Out of warranty: the unit has no date to start the warranty from";
  std::string out = s.in_warranty ? "In warranty: " : "Out of warranty: ";
  out += std::to_string(s.term_months) + " months from " + std::string(basis_name(*s.basis)) +
         " on " + format_date(*s.starts_on);
  if (s.reason == WarrantyReason::not_started) return out + ", not started yet";
  out += ", until " + format_date(*s.term_ends_on);
  if (!s.extension_contract.empty()) {
    out += "; extended by contract " + s.extension_contract + " until " + format_date(*s.ends_on);
  }
  return out;
}

}  // namespace fuwu::aftersales
