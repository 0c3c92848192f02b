// The after-sales seed (fuwu seed --work-orders, issue 9) writes its rows in bulk, bypassing the
// use cases; the figures must nevertheless be those the use cases keep. Seeds a small network,
// then recomputes every order's facts through refresh_work_order_facts (what any write of the
// order does) and checks that nothing the monthly statistics and the KPIs read moves; and that
// the statistics tallies kept on write equal a recount from the facts.
#include <gtest/gtest.h>

#include "app/kpi/kpi.h"
#include "app/seed/aftersales_seed.h"
#include "app/statistics/statistics.h"
#include "integration/test_database.h"

namespace fuwu::app {
namespace {

using fuwu::testing::FakeClock;
using fuwu::testing::TestDatabase;

// The rows of `sql` (one text column each), one line per row.
std::string dump(store::Database& db, const std::string& sql) {
  std::string out;
  EXPECT_TRUE(db.read([&](store::Executor& ex) -> Status {
                  auto rows = TRY(ex.query(sql));
                  for (const auto& r : rows)
                    out += r.text(0) + "\n";
                  return {};
                }).ok());
  return out;
}

constexpr const char* kStatisticsFacts =
    "SELECT ticket_id || '|' || COALESCE(model_id, 0) || '|' || fault || '|' || "
    "COALESCE(fault_code_id, 0) || '|' || in_warranty || '|' || cancelled || '|' || "
    "reported_month || '|' || COALESCE(resolved_month, '') || '|' || parts_cost_cents || '|' || "
    "fees_cents FROM work_order_facts ORDER BY ticket_id";
constexpr const char* kStatisticsTallies =
    "SELECT month || '|' || dimension || '|' || key_id || '|' || key_text || '|' || orders || "
    "'|' || repaired || '|' || cancelled || '|' || in_warranty || '|' || parts_cost_cents || '|' "
    "|| fees_cents FROM statistics_tallies WHERE orders <> 0 ORDER BY month, dimension, key_id, "
    "key_text";

TEST(SeedAfterSales, TheFiguresAreThoseTheUseCasesKeep) {
  TestDatabase t;
  FakeClock clock(*parse_rfc3339("2026-11-20T08:00:00Z"));
  Services services{t.db(), clock, {}};
  AfterSalesSeedOptions o;
  o.work_orders = 800;
  o.days = 45;
  o.units = 300;
  o.organisations = 20;
  o.centres = 3;
  o.engineers_per_centre = 3;
  o.batch = 300;
  auto seeded = seed_aftersales(services, o, nullptr);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  EXPECT_EQ(seeded->work_orders, 800);
  EXPECT_GT(seeded->repair_sheets, 400);
  EXPECT_GT(seeded->quotes, 0);
  EXPECT_GT(seeded->complaints, 0);
  EXPECT_GT(seeded->follow_ups, 0);
  EXPECT_EQ(
      dump(t.db(), "SELECT '' || COUNT(*) FROM repair_sheets WHERE fault_code_id IS NOT NULL"),
      dump(t.db(), "SELECT '' || COUNT(*) FROM work_order_facts WHERE fault_code_id IS NOT NULL"));

  const std::string facts = dump(t.db(), kStatisticsFacts);
  const std::string tallies = dump(t.db(), kStatisticsTallies);
  ASSERT_FALSE(tallies.empty());
  ASSERT_TRUE(t.db()
                  .write([&](store::Executor& ex) -> Status {
                    auto ids = TRY(ex.query("SELECT ticket_id FROM work_order_facts"));
                    for (const auto& r : ids)
                      TRY_VOID(refresh_work_order_facts(ex, r.i64(0), clock.now()));
                    return {};
                  })
                  .ok());
  EXPECT_EQ(dump(t.db(), kStatisticsFacts), facts);
  EXPECT_EQ(dump(t.db(), kStatisticsTallies), tallies);

  // The refresh does run: a fact spoilt by hand is put right.
  ASSERT_TRUE(t.db()
                  .write([&](store::Executor& ex) -> Status {
                    TRY_VOID(
                        ex.exec("UPDATE work_order_facts SET fault = 'x', fees_cents = -1 "
                                "WHERE ticket_id = (SELECT MIN(ticket_id) FROM "
                                "work_order_facts)"));
                    auto first = TRY(ex.query_one("SELECT MIN(ticket_id) FROM work_order_facts"));
                    return refresh_work_order_facts(ex, first->i64(0), clock.now());
                  })
                  .ok());
  EXPECT_EQ(dump(t.db(), kStatisticsFacts), facts);

  // The tallies equal a recount of the facts.
  ASSERT_TRUE(
      t.db().write([&](store::Executor& ex) { return rebuild_statistics_tallies(ex); }).ok());
  EXPECT_EQ(dump(t.db(), kStatisticsTallies), tallies);
}

}  // namespace
}  // namespace fuwu::app
