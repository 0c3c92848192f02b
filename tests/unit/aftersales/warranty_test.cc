#include <gtest/gtest.h>

#include "domain/aftersales/warranty.h"

namespace fuwu::aftersales {
namespace {

Date d(int y, int m, int day) {
  return {y, m, day};
}

// Seed 000 (金兴农机): the machine a year, starter/alternator/battery three months.
const WarrantyTerms kHarvester{{DateBasis::installation, DateBasis::delivery, DateBasis::sale}, 12};
const std::vector<PartTerm> kParts = {{"engine_block", 24}, {"starter", 3}, {"battery", 3}};

TEST(Warranty, StartRuleParsesAndFormats) {
  auto r = parse_start_rule("installation,delivery,sale");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->size(), 3u);
  EXPECT_EQ(format_start_rule(*r), "installation,delivery,sale");
  EXPECT_FALSE(parse_start_rule(""));
  EXPECT_FALSE(parse_start_rule("installation,"));
  EXPECT_FALSE(parse_start_rule("sale,sale"));
  EXPECT_FALSE(parse_start_rule("shipping"));
}

TEST(Warranty, TermEndIsTheDayBeforeTheSameDayLater) {
  EXPECT_EQ(term_end(d(2026, 3, 1), 12), d(2027, 2, 28));
  EXPECT_EQ(term_end(d(2026, 3, 15), 3), d(2026, 6, 14));
  EXPECT_EQ(term_end(d(2026, 1, 31), 1), d(2026, 2, 27));
  EXPECT_EQ(term_end(d(2027, 11, 30), 3), d(2028, 2, 28));
  EXPECT_EQ(term_end(d(2026, 12, 1), 0), d(2026, 11, 30));
}

TEST(Warranty, UsesInstallationFirst) {
  UnitDates u{.sale = d(2026, 1, 10), .delivery = d(2026, 2, 1), .installation = d(2026, 3, 1)};
  auto s = warranty_status(u, kHarvester, kParts, {}, "", d(2027, 2, 28));
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->in_warranty);
  EXPECT_EQ(s->reason, WarrantyReason::in_term);
  EXPECT_EQ(s->basis, DateBasis::installation);
  EXPECT_EQ(s->starts_on, d(2026, 3, 1));
  EXPECT_EQ(s->ends_on, d(2027, 2, 28));
  EXPECT_EQ(s->term_source, "model");
  EXPECT_TRUE(s->fallbacks_skipped.empty());
  EXPECT_EQ(explain_en(*s),
            "In warranty: 12 months from installation on 2026-03-01, until 2027-02-28");
  EXPECT_EQ(explain_zh(*s), "保内：自安装日期 2026-03-01 起 12 个月，至 2027-02-28");

  auto next_day = warranty_status(u, kHarvester, kParts, {}, "", d(2027, 3, 1));
  EXPECT_FALSE(next_day->in_warranty);
  EXPECT_EQ(next_day->reason, WarrantyReason::expired);
}

TEST(Warranty, FallsBackAndSaysWhichDateItUsed) {
  UnitDates u{.sale = d(2026, 1, 10), .delivery = d(2026, 2, 1)};
  auto s = warranty_status(u, kHarvester, kParts, {}, "", d(2026, 6, 1));
  EXPECT_EQ(s->basis, DateBasis::delivery);
  EXPECT_EQ(s->starts_on, d(2026, 2, 1));
  EXPECT_EQ(s->fallbacks_skipped, std::vector<std::string>{"installation"});

  UnitDates only_sale{.sale = d(2026, 1, 10)};
  auto t = warranty_status(only_sale, kHarvester, kParts, {}, "", d(2026, 6, 1));
  EXPECT_EQ(t->basis, DateBasis::sale);
  EXPECT_EQ(t->fallbacks_skipped, (std::vector<std::string>{"installation", "delivery"}));
}

TEST(Warranty, ConfigurableRuleIgnoresDatesItDoesNotName) {
  // A model whose warranty runs from the sale only: a later installation does not move it.
  WarrantyTerms from_sale{{DateBasis::sale}, 6};
  UnitDates u{.production = d(2025, 12, 1), .installation = d(2026, 3, 1)};
  auto s = warranty_status(u, from_sale, {}, {}, "", d(2026, 4, 1));
  EXPECT_FALSE(s->in_warranty);
  EXPECT_EQ(s->reason, WarrantyReason::no_start_date);
  EXPECT_FALSE(s->starts_on);
  EXPECT_EQ(explain_en(*s), "Out of warranty: the unit has no date to start the warranty from");
}

TEST(Warranty, PartsHaveTheirOwnTerms) {
  UnitDates u{.installation = d(2026, 3, 1)};
  auto starter = warranty_status(u, kHarvester, kParts, {}, "starter", d(2026, 6, 1));
  EXPECT_FALSE(starter->in_warranty);
  EXPECT_EQ(starter->term_months, 3);
  EXPECT_EQ(starter->term_source, "part");
  EXPECT_EQ(starter->ends_on, d(2026, 5, 31));
  auto block = warranty_status(u, kHarvester, kParts, {}, "engine_block", d(2027, 6, 1));
  EXPECT_TRUE(block->in_warranty);  // two years, while the machine's year has ended
  auto unit = warranty_status(u, kHarvester, kParts, {}, "", d(2027, 6, 1));
  EXPECT_FALSE(unit->in_warranty);
  auto unknown = warranty_status(u, kHarvester, kParts, {}, "gearbox", d(2026, 6, 1));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST(Warranty, ContractsExtendTheUnitOrOnePart) {
  UnitDates u{.installation = d(2026, 3, 1)};
  std::vector<Extension> ext = {{"HT-2026-007", "", d(2028, 2, 29)},
                                {"HT-2026-008", "battery", d(2026, 12, 31)}};
  auto unit = warranty_status(u, kHarvester, kParts, ext, "", d(2027, 6, 1));
  EXPECT_TRUE(unit->in_warranty);
  EXPECT_EQ(unit->reason, WarrantyReason::extended);
  EXPECT_EQ(unit->term_ends_on, d(2027, 2, 28));
  EXPECT_EQ(unit->ends_on, d(2028, 2, 29));
  EXPECT_EQ(unit->extension_contract, "HT-2026-007");
  EXPECT_EQ(
      explain_zh(*unit),
      "保内：自安装日期 2026-03-01 起 12 个月，至 2027-02-28；合同 HT-2026-007 延保至 2028-02-29");
  // The whole-unit extension covers the battery too, and reaches further than its own.
  auto battery = warranty_status(u, kHarvester, kParts, ext, "battery", d(2027, 1, 5));
  EXPECT_TRUE(battery->in_warranty);
  EXPECT_EQ(battery->extension_contract, "HT-2026-007");
  // An extension of one part does not cover another.
  auto starter = warranty_status(u, kHarvester, kParts, {ext[1]}, "starter", d(2026, 7, 1));
  EXPECT_FALSE(starter->in_warranty);
  // An extension that ends before the term does not shorten it.
  auto short_ext =
      warranty_status(u, kHarvester, kParts, {{"X", "", d(2026, 4, 1)}}, "", d(2026, 12, 1));
  EXPECT_TRUE(short_ext->in_warranty);
  EXPECT_EQ(short_ext->reason, WarrantyReason::in_term);
  EXPECT_TRUE(short_ext->extension_contract.empty());
}

TEST(Warranty, BeforeTheStartDateIsNotCovered) {
  UnitDates u{.installation = d(2026, 3, 1)};
  auto s = warranty_status(u, kHarvester, kParts, {}, "", d(2026, 2, 28));
  EXPECT_FALSE(s->in_warranty);
  EXPECT_EQ(s->reason, WarrantyReason::not_started);
  EXPECT_EQ(explain_en(*s),
            "Out of warranty: 12 months from installation on 2026-03-01, not started yet");
}

}  // namespace
}  // namespace fuwu::aftersales
