// What only the PostgreSQL backend has: a server connection that can be lost. Runs when
// FUWU_TEST_PG_URL is set (scripts/pg run ...); skipped otherwise.
#ifdef FUWU_HAVE_POSTGRES

#include <cstdlib>
#include <thread>

#include "store/postgres/postgres_database.h"
#include "store_contract/backend.h"

namespace fuwu::store::postgres {
namespace {

using contract::describe;

class PostgresBackend : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("FUWU_TEST_PG_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "FUWU_TEST_PG_URL is not set";
    server_ = url;
    name_ = "fuwu_pg_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name_)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(create_database(server_, name_).ok());
  }
  void TearDown() override {
    db_.reset();
    if (!name_.empty()) (void)drop_database(server_, name_);
  }
  std::unique_ptr<Database> open_db() {
    Options o;
    o.url = with_database(server_, name_);
    o.connections = 3;
    auto db = open(o);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : describe(db.error()));
    return db.ok() ? std::move(db).value() : nullptr;
  }
  // Ends every other session on the test database, as a failover or an admin would.
  void kill_sessions() {
    Options o;
    o.url = server_;
    auto admin = open(o);
    ASSERT_TRUE(admin.ok());
    ASSERT_TRUE((*admin)
                    ->write([&](Executor& ex) -> Status {
                      TRY_VOID(
                          ex.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = $1 AND pid <> pg_backend_pid()",
                                   {name_}));
                      return {};
                    })
                    .ok());
  }

  std::string server_;
  std::string name_;
  std::unique_ptr<Database> db_;
};

TEST_F(PostgresBackend, RecoversFromLostConnections) {
  db_ = open_db();
  ASSERT_NE(db_, nullptr);
  ASSERT_TRUE(db_->write([](Executor& ex) {
                   return ex.exec_script("CREATE TABLE t (a BIGINT); INSERT INTO t VALUES (1);");
                 })
                  .ok());
  // Fill the pool with idle connections, all of which the next step kills.
  {
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
      readers.emplace_back([&] {
        EXPECT_TRUE(db_->read([](Executor& ex) -> Status {
                         TRY_VOID(ex.query("SELECT pg_sleep(0.05)"));
                         return {};
                       })
                        .ok());
      });
    }
    for (auto& t : readers)
      t.join();
  }
  kill_sessions();
  // The pooled connections are dead; the unit had not reached COMMIT, so it runs again on a new
  // connection.
  const Status read = db_->read([](Executor& ex) -> Status {
    TRY_VOID(ex.query("SELECT a FROM t"));
    return {};
  });
  EXPECT_TRUE(read.ok()) << describe(read.error());
  kill_sessions();
  const Status write = db_->write([](Executor& ex) -> Status {
    TRY_VOID(ex.exec("INSERT INTO t VALUES (2)"));
    return {};
  });
  EXPECT_TRUE(write.ok()) << describe(write.error());
  EXPECT_TRUE(db_->ping().ok());
}

TEST_F(PostgresBackend, UnreachableServerIsUnavailable) {
  Options o;
  o.url = "postgresql://postgres@127.0.0.1:1/nothing";
  o.connect_timeout_seconds = 2;
  auto db = open(o);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::unavailable);

  o.url = "mysql://nope";
  auto wrong = open(o);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid_request);
}

TEST(PostgresUrl, WithDatabaseReplacesOnlyTheName) {
  EXPECT_EQ(with_database("postgresql://u@h:5432/postgres", "x"), "postgresql://u@h:5432/x");
  EXPECT_EQ(with_database("postgresql://u@h:5432", "x"), "postgresql://u@h:5432/x");
  EXPECT_EQ(with_database("postgresql://u@h/db?sslmode=disable", "x"),
            "postgresql://u@h/x?sslmode=disable");
}

}  // namespace
}  // namespace fuwu::store::postgres

#endif  // FUWU_HAVE_POSTGRES
