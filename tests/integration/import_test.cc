// `fuwu import` rows against a real SQLite file: every rejected row is reported with its line and
// column, a refused row leaves nothing behind (savepoints), and the caller's unit decides whether
// anything commits.
#include <gtest/gtest.h>

#include "app/import/import.h"
#include "integration/test_database.h"

namespace fuwu::app {
namespace {

using fuwu::testing::TestDatabase;

class ImportTest : public ::testing::Test {
 protected:
  // Runs the import in one unit that commits only when asked and every row was accepted.
  ImportReport run(ImportKind kind, std::string_view text, bool commit) {
    auto table = csv::parse_csv(text);
    EXPECT_TRUE(table.ok());
    ImportReport report;
    bool rolled_back = false;
    const auto st = db_.db().write([&](store::Executor& ex) -> Status {
      report = TRY(import_rows(ex, Actor::system("cli"), now_, kind, *table));
      rolled_back = !commit || !report.problems.empty();
      if (rolled_back) return Error(ErrorCode::conflict, "rolled back");
      return {};
    });
    EXPECT_EQ(st.ok(), !rolled_back);
    return report;
  }

  std::int64_t count(const std::string& table) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      n = TRY(ex.query_one("SELECT COUNT(*) FROM " + table))->i64(0);
                      return {};
                    })
                    .ok());
    return n;
  }

  TestDatabase db_;
  Instant now_ = parse_rfc3339("2026-11-22T10:00:00Z").value();
};

std::vector<std::string> problems(const ImportReport& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems)
    out.push_back(std::to_string(p.line) + ":" + p.column);
  return out;
}

TEST_F(ImportTest, EveryBadRowIsReportedAndNothingCommits) {
  auto r = run(ImportKind::organisations, "name,kind\n甲,customer\n,customer\n乙,partner\n甲,own\n",
               true);
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.imported, 1);
  EXPECT_EQ(problems(r), (std::vector<std::string>{"3:name", "4:kind", "5:name"}));
  EXPECT_EQ(count("organisations"), 0);
}

TEST_F(ImportTest, GoodRowsCommitWithAuditAndReferencesResolve) {
  auto orgs = run(ImportKind::organisations, "name\n华东客户\n", true);
  ASSERT_TRUE(orgs.problems.empty());
  auto users = run(ImportKind::users,
                   "login,role,organisation,manager\nboss.wang,customer,华东客户,\n"
                   "li.na,customer,华东客户,boss.wang\n",
                   true);
  ASSERT_TRUE(users.problems.empty()) << users.problems[0].reason;
  EXPECT_EQ(count("users"), 2);
  EXPECT_EQ(count("users WHERE manager_id IS NOT NULL"), 1);
  auto tickets =
      run(ImportKind::tickets,
          "kind,title,organisation,requester,impact\nincident,打印机坏了,华东客户,li.na,1\n", true);
  ASSERT_TRUE(tickets.problems.empty()) << tickets.problems[0].reason;
  EXPECT_EQ(count("tickets"), 1);
  EXPECT_GE(count("audit_entries WHERE via = 'cli'"), 4);
}

TEST_F(ImportTest, HeaderProblemsStopBeforeAnyRow) {
  auto r = run(ImportKind::tickets, "kind,title,colour\nincident,x,red\n", true);
  EXPECT_EQ(problems(r), (std::vector<std::string>{"1:organisation", "1:colour"}));
  EXPECT_EQ(r.imported, 0);
  auto empty = run(ImportKind::users, "", true);
  EXPECT_EQ(problems(empty), (std::vector<std::string>{"1:"}));
}

TEST_F(ImportTest, DryRunChecksUniquenessWithinTheFile) {
  auto r = run(ImportKind::organisations, "name\n甲\n甲\n", false);
  EXPECT_EQ(problems(r), (std::vector<std::string>{"3:name"}));
  EXPECT_EQ(count("organisations"), 0);
  auto clean = run(ImportKind::organisations, "name\n甲\n乙\n", false);
  EXPECT_TRUE(clean.problems.empty());
  EXPECT_EQ(clean.imported, 2);
  EXPECT_EQ(count("organisations"), 0);
}

}  // namespace
}  // namespace fuwu::app
