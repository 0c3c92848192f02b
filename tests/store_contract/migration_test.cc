// Versioned migrations (store/migration.h) on every backend.
#include "store/migration.h"

#include "store_contract/backend.h"

namespace fuwu::store::contract {
namespace {

constexpr Instant kNow = Instant::from_unix(1'790'000'000);

// Test-only migrations, written in SQL both dialects accept.
std::vector<Migration> two_migrations() {
  return {
      {2, "0002_second",
       "CREATE TABLE m2 (id INTEGER PRIMARY KEY, m1_id INTEGER REFERENCES m1 (id));"},
      {1, "0001_first",
       "CREATE TABLE m1 (id INTEGER PRIMARY KEY, label TEXT NOT NULL);\n"
       "INSERT INTO m1 (id, label) VALUES (1, 'seed; with a semicolon');\n"},
  };
}

class MigrationContract : public ContractTest {};

TEST_P(MigrationContract, AppliesEachMigrationOnceInOrder) {
  auto v0 = schema_version(db());
  FUWU_ASSERT_OK(v0);
  EXPECT_EQ(*v0, 0);

  auto first = migrate(db(), two_migrations(), kNow);
  FUWU_ASSERT_OK(first);
  EXPECT_EQ(first->from_version, 0);
  EXPECT_EQ(first->to_version, 2);
  EXPECT_EQ(first->applied, (std::vector<std::string>{"0001_first", "0002_second"}));
  EXPECT_EQ(count("m1"), 1);
  EXPECT_EQ(count("m2"), 0);

  auto again = migrate(db(), two_migrations(), kNow);
  FUWU_ASSERT_OK(again);
  EXPECT_EQ(again->from_version, 2);
  EXPECT_EQ(again->to_version, 2);
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(count("m1"), 1);  // the seed row was not inserted twice
  EXPECT_EQ(count("schema_migrations"), 2);
}

TEST_P(MigrationContract, RefusesADatabaseNewerThanTheBinary) {
  FUWU_ASSERT_OK(migrate(db(), two_migrations(), kNow));
  std::vector<Migration> older = two_migrations();
  older.erase(older.begin());  // only 0001
  auto r = migrate(db(), older, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  auto v = schema_version(db());
  FUWU_ASSERT_OK(v);
  EXPECT_EQ(*v, 2);
}

TEST_P(MigrationContract, AFailingMigrationLeavesNoTrace) {
  std::vector<Migration> list = two_migrations();
  list.push_back({3, "0003_broken", "CREATE TABLE m3 (a INTEGER);\nSELEC broken;\n"});
  auto r = migrate(db(), list, kNow);
  ASSERT_FALSE(r.ok());
  auto v = schema_version(db());
  FUWU_ASSERT_OK(v);
  EXPECT_EQ(*v, 2);
  const Status m3 = db().read([](Executor& ex) -> Status {
    TRY_VOID(ex.query("SELECT count(*) FROM m3"));
    return {};
  });
  EXPECT_FALSE(m3.ok());  // the table of the failed migration was rolled back

  list.back().sql = "CREATE TABLE m3 (a INTEGER);";
  auto fixed = migrate(db(), list, kNow);
  FUWU_ASSERT_OK(fixed);
  EXPECT_EQ(fixed->to_version, 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationContract, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace fuwu::store::contract
