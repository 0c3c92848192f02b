// Warranty of sold units (保修期 / 三包): a pure function of a unit's dates, its model's terms,
// the part asked about and the contracts that extend it. No I/O.
//
// A model says how its warranty starts: an ordered list of date bases, e.g. installation, else
// delivery, else sale (the "start rule" and its fallbacks), and how many months the whole unit is
// covered. Each major part of a model may have its own term (seed 000: starter, alternator and
// battery three months while the machine has a year). A contract may extend the warranty of the
// whole unit or of one part until a date.
//
// warranty_status answers: in or out of warranty on `on`, from when until when (inclusive last
// day), and why — which date base and date it used, which term, and whether an extension applied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/time.h"

namespace fuwu::aftersales {

enum class DateBasis { installation, delivery, sale, production };

std::string_view basis_name(DateBasis b);
std::optional<DateBasis> parse_basis(std::string_view text);
// "installation,delivery,sale" <-> the list; empty, unknown or repeated names are nullopt.
std::optional<std::vector<DateBasis>> parse_start_rule(std::string_view text);
std::string format_start_rule(const std::vector<DateBasis>& rule);

struct UnitDates {
  std::optional<Date> production;
  std::optional<Date> sale;
  std::optional<Date> delivery;
  std::optional<Date> installation;
};

std::optional<Date> date_of(const UnitDates& d, DateBasis b);

struct WarrantyTerms {
  std::vector<DateBasis> start_rule;  // tried in order; the first date the unit has is used
  int unit_months = 12;               // the whole unit
};

struct PartTerm {
  std::string code;  // the part's code within its model
  int months = 0;
};

// An extended warranty from a contract: the whole unit (part_code empty) or one part, covered
// until `ends_on` (inclusive).
struct Extension {
  std::string contract;
  std::string part_code;
  Date ends_on;
};

enum class WarrantyReason {
  in_term,        // within the term counted from the start date
  extended,       // the term has ended but a contract extends it
  expired,        // after the last covered day
  not_started,    // before the start date
  no_start_date,  // the unit has none of the dates its rule names
};
std::string_view reason_name(WarrantyReason r);

struct WarrantyStatus {
  bool in_warranty = false;
  WarrantyReason reason = WarrantyReason::no_start_date;
  std::string part_code;             // "" for the whole unit
  std::optional<DateBasis> basis;    // the date base used
  std::optional<Date> starts_on;     // the date it used
  int term_months = 0;               // the unit's or the part's term
  std::string term_source;           // "model" or "part"
  std::optional<Date> term_ends_on;  // last day of the term, before extensions
  std::optional<Date> ends_on;       // last covered day, with extensions
  std::string extension_contract;    // the contract whose extension decides ends_on, if any
  std::vector<std::string> fallbacks_skipped;  // bases tried first that had no date
};

// The last day covered by a term of `months` starting on `start`: the day before the same day
// `months` later (clamped to the month's end: 2026-01-31 + 1 month ends 2026-02-27).
Date term_end(Date start, int months);

// `part_code` empty: the whole unit. A part code not among `parts` is not_found. `on` is the
// date the fault is reported (or any date asked about).
Result<WarrantyStatus> warranty_status(const UnitDates& dates, const WarrantyTerms& terms,
                                       const std::vector<PartTerm>& parts,
                                       const std::vector<Extension>& extensions,
                                       std::string_view part_code, Date on);

// A one-line explanation in Chinese and English, e.g.
// "保内：自安装日期 2026-03-01 起 12 个月，至 2027-02-28" /
// "In warranty: 12 months from installation on 2026-03-01, until 2027-02-28".
std::string explain_zh(const WarrantyStatus& s);
std::string explain_en(const WarrantyStatus& s);

}  // namespace fuwu::aftersales
