// After-sales use cases against a real SQLite file: the catalogue and sold units, warranty
// computed from stored terms, scopes of customers, and nothing written when a use case fails.
#include <gtest/gtest.h>

#include "app/products/product.h"
#include "app/units/unit.h"
#include "integration/test_database.h"

namespace fuwu::app {
namespace {

using fuwu::testing::TestDatabase;

const Instant kNow = Instant::from_unix(1790000000);

Actor customer_of(std::int64_t org) {
  Actor a;
  a.principal.user_id = 900 + org;
  a.principal.role = "customer";
  a.principal.organisation_id = org;
  a.principal.grants = {{"product.read", access::Scope::all},
                        {"unit.read", access::Scope::organisation}};
  a.via = "token";
  return a;
}

class AfterSales : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.db()
                    .write([&](store::Executor& ex) -> Status {
                      TRY_VOID(ex.exec(
                          "INSERT INTO organisations (id, name, kind, created_at, updated_at) "
                          "VALUES (1, 'A', 'customer', $1, $1), (2, 'B', 'customer', $1, $1)",
                          {format_rfc3339(kNow)}));
                      auto line = TRY(
                          create_product_line(ex, system_, kNow, {"harvester", "联合收割机", ""}));
                      NewProductModel m{
                          "4LZ-2.5", "4LZ-2.5", "", {}, 12, {{"starter", "启动机", "Starter", 3}}};
                      model_ = TRY(create_product_model(ex, system_, kNow, line.id, m)).id;
                      return {};
                    })
                    .ok());
  }

  NewUnit unit(std::string serial, std::int64_t org = 1) {
    NewUnit u;
    u.serial = std::move(serial);
    u.model_id = model_;
    u.organisation_id = org;
    u.dates.delivery = Date{2026, 3, 1};
    return u;
  }

  std::int64_t count(const char* table) {
    std::int64_t n = 0;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto r = TRY(ex.query_one(std::string("SELECT COUNT(*) FROM ") + table));
                      n = r->i64(0);
                      return {};
                    })
                    .ok());
    return n;
  }

  TestDatabase db_;
  Actor system_ = Actor::system();
  std::int64_t model_ = 0;
};

TEST_F(AfterSales, WarrantyComesFromTheStoredTermsAndExtensions) {
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) -> Status {
                    auto u = TRY(create_unit(ex, system_, kNow, unit("S-1")));
                    auto w = TRY(unit_warranty(ex, system_, u.id, "", Date{2026, 7, 1}));
                    EXPECT_TRUE(w.whole.in_warranty);
                    EXPECT_EQ(w.whole.basis, aftersales::DateBasis::delivery);
                    EXPECT_EQ(w.parts.size(), 1u);
                    EXPECT_FALSE(w.parts[0].in_warranty);  // the starter's three months
                    u = TRY(add_warranty_extension(ex, system_, kNow, u.id, u.version,
                                                   {"HT-1", "starter", Date{2026, 12, 31}}));
                    w = TRY(unit_warranty(ex, system_, u.id, "starter", Date{2026, 7, 1}));
                    EXPECT_TRUE(w.parts.at(0).in_warranty);
                    EXPECT_EQ(w.parts.at(0).extension_contract, "HT-1");
                    // A model whose rule changes changes the answer, with nothing else touched.
                    auto m = TRY(get_product_model(ex, system_, model_));
                    ProductModelPatch p;
                    p.warranty_start = std::vector{aftersales::DateBasis::installation};
                    TRY_VOID(update_product_model(ex, system_, kNow, model_, m.version, p));
                    w = TRY(unit_warranty(ex, system_, u.id, "", Date{2026, 7, 1}));
                    EXPECT_EQ(w.whole.reason, aftersales::WarrantyReason::no_start_date);
                    return {};
                  })
                  .ok());
}

TEST_F(AfterSales, CustomersSeeTheirOwnUnitsOnly) {
  std::int64_t mine = 0, theirs = 0;
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) -> Status {
                    mine = TRY(create_unit(ex, system_, kNow, unit("S-A", 1))).id;
                    theirs = TRY(create_unit(ex, system_, kNow, unit("S-B", 2))).id;
                    return {};
                  })
                  .ok());
  const auto alice = customer_of(1);
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    EXPECT_TRUE(get_unit(ex, alice, mine).ok());
                    auto other = get_unit(ex, alice, theirs);
                    EXPECT_EQ(other.error().code, ErrorCode::not_found);
                    auto page = TRY(list_units(ex, alice, {}, 0, 50));
                    EXPECT_EQ(page.items.size(), 1u);
                    UnitFilter f;
                    f.organisation_id = 2;
                    EXPECT_TRUE(TRY(list_units(ex, alice, f, 0, 50)).items.empty());
                    return {};
                  })
                  .ok());
  auto denied = db_.db().write([&](store::Executor& ex) -> Status {
    TRY_VOID(create_unit(ex, alice, kNow, unit("S-C", 1)));
    return {};
  });
  EXPECT_EQ(denied.error().code, ErrorCode::permission_denied);
}

TEST_F(AfterSales, ImportIsAllOrNothing) {
  const auto before = count("units");
  const auto audit_before = count("audit_entries");
  auto bad = db_.db().write([&](store::Executor& ex) -> Status {
    TRY_VOID(import_units(ex, system_, kNow, {unit("I-1"), unit("I-1"), unit("bad serial")}));
    return {};
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::conflict);
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "units/1/serial");
  EXPECT_EQ(bad.error().fields[1].field, "units/2/serial");
  EXPECT_EQ(count("units"), before);
  EXPECT_EQ(count("audit_entries"), audit_before);
  auto ok = db_.db().write([&](store::Executor& ex) -> Status {
    TRY_VOID(import_units(ex, system_, kNow, {unit("I-1"), unit("I-2")}));
    return {};
  });
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(count("units"), before + 2);
}

}  // namespace
}  // namespace fuwu::app
