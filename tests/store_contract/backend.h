// The backends the store contract suite runs against, and the fixture every contract test uses.
//
// Every test of this suite is a TEST_P over `backends()`: SQLite in a temporary directory
// always; PostgreSQL when the environment variable FUWU_TEST_PG_URL names a server the suite may
// create throwaway databases on (see backend.cc, "PostgreSQL"). A behaviour that only one
// backend has (SQLite's backup API) is tested in that backend's own file instead.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/migration.h"
#include "store/sql.h"

namespace fuwu::store::contract {

struct Backend {
  std::string name;  // a test-name suffix: "sqlite", "postgres"
  // Opens the database that belongs to `dir`, creating it empty the first time; no other test
  // sees it. `dir` is a temporary directory owned by the test (file-based backends put their
  // files there; server backends derive a database name from it).
  std::function<Result<std::unique_ptr<Database>>(const std::string& dir)> open;
  // Removes what `open` created outside `dir` (a server database); may be empty.
  std::function<void(const std::string& dir)> close;
  // Server backends: the connection URL `open` uses for `dir` (empty for file backends).
  std::function<std::string(const std::string& dir)> url;
  // The contract suite's tables, in this backend's dialect (see kSqliteSchema in backend.cc).
  std::string schema;
  // True when concurrent write() calls share one commit (SQLite's writer thread).
  bool groups_commits = false;
};

// gtest prints a parameter with this (test listings show "sqlite", not the object's bytes).
void PrintTo(const Backend& backend, std::ostream* os);

// Every backend available in this run; SQLite first.
const std::vector<Backend>& backends();

// A forked child process (sqlite_*_test.cc) that tells its parent things through a pipe:
// killed with SIGKILL and reaped at destruction, whatever assertion failed, unless
// kill_and_wait() did it already.
class KilledChild {
 public:
  // Forks; the child runs body(write end of the pipe) and must end with _exit.
  explicit KilledChild(const std::function<void(int)>& body);
  ~KilledChild();
  KilledChild(const KilledChild&) = delete;
  KilledChild& operator=(const KilledChild&) = delete;
  bool started() const { return pid_ > 0; }
  int from_child() const { return from_child_; }  // the read end of the pipe
  // Kills the child now; returns its waitpid status.
  int kill_and_wait();

 private:
  int pid_ = -1;
  int from_child_ = -1;
};

// A temporary directory removed with everything in it at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A fresh database with the suite's tables (parents, items) for each test.
class ContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  const Backend& backend() const { return GetParam(); }
  Database& db() { return *db_; }
  // Runs `sql` in its own write unit and returns the rows (fails the test on error).
  Rows write_query(const std::string& sql, std::vector<Value> params = {});
  Rows read_query(const std::string& sql, std::vector<Value> params = {});
  std::int64_t count(const std::string& table);

  enum class UnitKind { read, write };
  Rows run_query(UnitKind kind, const std::string& sql, const std::vector<Value>& params);

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Database> db_;
};

// Test names end in the backend's name: Placeholders/sqlite.
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

// Prints a failed Status or Result with its code, message and subject.
std::string describe(const Error& e);

#define FUWU_ASSERT_OK(expr)                                                           \
  do {                                                                                 \
    const auto& fuwu_ok_ = (expr);                                                     \
    ASSERT_TRUE(fuwu_ok_.ok()) << ::fuwu::store::contract::describe(fuwu_ok_.error()); \
  } while (0)

}  // namespace fuwu::store::contract
