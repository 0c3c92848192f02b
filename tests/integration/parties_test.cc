// Parties use cases against a real SQLite file: the rules of people, sites and roles, scopes,
// no escalation of grants, and nothing written when a use case fails.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "app/auth/auth.h"
#include "app/roles/role.h"
#include "app/sites/site.h"
#include "app/users/user.h"
#include "base/crypto.h"
#include "store/migration.h"
#include "store/sqlite/sqlite_database.h"

namespace fuwu::app {
namespace {

class PartiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::init_crypto().ok());
    dir_ = std::filesystem::temp_directory_path() / ("fuwu-parties-" + crypto::random_hex(6));
    std::filesystem::create_directories(dir_);
    auto db = store::sqlite::open({.path = (dir_ / "t.db").string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(store::migrate(*db_, store::sqlite::embedded_migrations(), now_).ok());
    ASSERT_TRUE(db_->write([&](store::Executor& ex) -> Status {
                     TRY_VOID(
                         ex.exec("INSERT INTO organisations (id, name, kind, created_at, "
                                 "updated_at) VALUES (1, 'A', 'customer', $1, $1), "
                                 "(2, 'B', 'customer', $1, $1)",
                                 {format_rfc3339(now_)}));
                     return {};
                   })
                    .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<User> create(const Actor& actor, NewUser in) {
    User out;
    TRY_VOID(db_->write([&](store::Executor& ex) -> Status {
      out = TRY(create_user(ex, actor, now_, in, ""));
      return {};
    }));
    return out;
  }

  // The actor a user of this login would be, with their role's grants.
  Actor actor_of(const User& u) {
    Actor a;
    EXPECT_TRUE(db_->read([&](store::Executor& ex) -> Status {
                     a.principal = TRY(load_principal(ex, u));
                     return {};
                   })
                    .ok());
    a.via = "token";
    return a;
  }

  std::int64_t count(const std::string& table) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_->read([&](store::Executor& ex) -> Status {
                     auto row = TRY(ex.query_one("SELECT COUNT(*) FROM " + table));
                     n = row->i64(0);
                     return {};
                   })
                    .ok());
    return n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  Instant now_ = parse_rfc3339("2026-11-22T10:00:00Z").value();
  Actor system_ = Actor::system("test");
};

TEST(RegionCode, SixDigitsOfOneOfTheThirtyOneProvinces) {
  EXPECT_TRUE(valid_region_code("310115"));  // Shanghai, Pudong
  EXPECT_TRUE(valid_region_code("110105"));
  EXPECT_TRUE(valid_region_code("650102"));
  EXPECT_FALSE(valid_region_code("710000"));  // not one of the 31 mainland divisions
  EXPECT_FALSE(valid_region_code("810000"));
  EXPECT_FALSE(valid_region_code("990101"));
  EXPECT_FALSE(valid_region_code("31011"));
  EXPECT_FALSE(valid_region_code("3101150"));
  EXPECT_FALSE(valid_region_code("31011a"));
  EXPECT_FALSE(valid_region_code(""));
}

TEST(Coordinates, RangesAndPairs) {
  EXPECT_TRUE(validate_site("S", "", 31.2, 121.5).ok());
  EXPECT_TRUE(validate_site("S", "", std::nullopt, std::nullopt).ok());
  EXPECT_TRUE(validate_site("S", "", -90, 180).ok());
  auto bad = validate_site("S", "", 91, 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "latitude");
  EXPECT_FALSE(validate_site("S", "", 0, -180.01).ok());
  EXPECT_FALSE(validate_site("S", "", 10, std::nullopt).ok());
  EXPECT_FALSE(validate_site("S", "", std::nan(""), 0).ok());
  EXPECT_EQ(coordinate_text(31.2035), "31.2035");
}

TEST(Grants, ParsedAndChecked) {
  auto ok = parse_grants({{"site.read", "all"}, {"*", "own"}, {"ticket.write", "group"}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(grants_text(*ok), "*:own site.read:all ticket.write:group");
  auto bad = parse_grants({{"site.read", "everywhere"}, {"Site", "all"}, {"site.read", "own"}});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields)
    fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"grants/0/scope:not_allowed",
                                              "grants/1/permission:invalid_format",
                                              "grants/2/permission:duplicate"}));
  Actor agent;
  agent.principal.grants = {{"site.read", access::Scope::all}, {"user.read", access::Scope::own}};
  EXPECT_TRUE(grants_within_actor(agent, {{"site.read", access::Scope::organisation}}).ok());
  EXPECT_FALSE(grants_within_actor(agent, {{"user.read", access::Scope::all}}).ok());
  EXPECT_FALSE(grants_within_actor(agent, {{"*", access::Scope::own}}).ok());
  EXPECT_TRUE(grants_within_actor(Actor::system(), {{"*", access::Scope::all}}).ok());
}

TEST_F(PartiesTest, LoginsAreUniqueRegardlessOfCaseAndFailuresWriteNothing) {
  ASSERT_TRUE(create(system_, {.login = "Alice", .role = "customer", .organisation_id = 1}).ok());
  const auto users = count("users");
  const auto audit = count("audit_entries");
  const auto events = count("outbox");
  auto dup = create(system_, {.login = "alice", .role = "customer"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  EXPECT_EQ(dup.error().fields.at(0).field, "login");
  auto role = create(system_, {.login = "carol", .role = "wizard"});
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.error().fields.at(0).field, "role");
  auto org = create(system_, {.login = "dave", .role = "agent", .organisation_id = 99});
  ASSERT_FALSE(org.ok());
  EXPECT_EQ(org.error().fields.at(0).field, "organisation_id");
  EXPECT_EQ(count("users"), users);
  EXPECT_EQ(count("audit_entries"), audit);
  EXPECT_EQ(count("outbox"), events);
  std::optional<User> found;
  ASSERT_TRUE(db_->read([&](store::Executor& ex) -> Status {
                   found = TRY(find_user_by_login(ex, "ALICE"));
                   return {};
                 })
                  .ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->login, "Alice");
}

TEST_F(PartiesTest, AgentsCannotHandOutMoreThanTheyHold) {
  auto agent_user = create(system_, {.login = "agent1", .role = "agent"});
  ASSERT_TRUE(agent_user.ok());
  const Actor agent = actor_of(*agent_user);
  EXPECT_TRUE(create(agent, {.login = "cust1", .role = "customer", .organisation_id = 1}).ok());
  auto admin = create(agent, {.login = "evil", .role = "admin"});
  ASSERT_FALSE(admin.ok());
  EXPECT_EQ(admin.error().code, ErrorCode::permission_denied);
  auto root = create(system_, {.login = "root2", .role = "admin"});
  ASSERT_TRUE(root.ok());
  auto st = db_->write([&](store::Executor& ex) -> Status {
    TRY_VOID(set_user_disabled(ex, agent, now_, root->id, true));
    return {};
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::permission_denied);
}

TEST_F(PartiesTest, CustomersSeeOnlyTheirOrganisationsPeople) {
  auto a = create(system_, {.login = "cust.a", .role = "customer", .organisation_id = 1});
  auto b = create(system_, {.login = "cust.b", .role = "customer", .organisation_id = 2});
  ASSERT_TRUE(a.ok() && b.ok());
  const Actor customer = actor_of(*a);
  ASSERT_TRUE(db_->read([&](store::Executor& ex) -> Status {
                   auto page = TRY(list_users(ex, customer, UserFilter{}, 0, 50));
                   EXPECT_EQ(page.items.size(), 1u);
                   EXPECT_EQ(page.items.at(0).login, "cust.a");
                   auto other = get_user(ex, customer, b->id);
                   EXPECT_FALSE(other.ok());
                   EXPECT_EQ(other.error().code, ErrorCode::not_found);
                   return {};
                 })
                  .ok());
}

TEST_F(PartiesTest, DisablingRevokesSessionsAndTokens) {
  auto u = create(system_, {.login = "tok.user", .role = "agent", .password = "x"});
  ASSERT_TRUE(u.ok());
  ASSERT_TRUE(db_->write([&](store::Executor& ex) -> Status {
                   TRY_VOID(
                       ex.exec("INSERT INTO api_tokens (user_id, token_hash, created_at) "
                               "VALUES ($1, 'h', $2)",
                               {u->id, format_rfc3339(now_)}));
                   auto disabled = TRY(set_user_disabled(ex, system_, now_, u->id, true));
                   EXPECT_TRUE(disabled.disabled);
                   auto open = TRY(ex.query_one(
                       "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL",
                       {u->id}));
                   EXPECT_EQ(open->i64(0), 0);
                   return {};
                 })
                  .ok());
}

}  // namespace
}  // namespace fuwu::app
