// Options::bulk_load: a process loading into a file it alone has open writes through a rollback
// journal, and the file is a WAL database again afterwards, after a kill -9 in the middle of a
// load too (the load is rolled back). With another process on the file, the WAL stays.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_database.h"
#include "store_contract/backend.h"

namespace fuwu::store::sqlite {
namespace {

using contract::describe;
using contract::TempDir;

// Bytes 18 and 19 of a SQLite file: 2 and 2 in WAL mode, 1 and 1 with a rollback journal.
int format_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[20] = {};
  in.read(header, sizeof header);
  return header[18] == header[19] ? header[18] : -1;
}

Options bulk(const std::string& path) {
  Options o;
  o.path = path;
  o.bulk_load = true;
  o.cache_mb = 1;  // a load of a few MB spills pages into the file before it commits
  o.busy_timeout_ms = 100;
  return o;
}

std::string journal_mode(Database& db) {
  std::string mode;
  EXPECT_TRUE(db.write([&](Executor& ex) -> Status {
                  mode = TRY(ex.query("PRAGMA journal_mode")).front().text(0);
                  return {};
                }).ok());
  return mode;
}

Status load(Executor& ex, int from, int count) {
  for (int i = from; i < from + count; ++i) {
    TRY_VOID(ex.exec("INSERT INTO loaded (id, body) VALUES ($1, $2)",
                     {std::int64_t{i}, std::string(1000, static_cast<char>('a' + i % 26))}));
  }
  return {};
}

std::int64_t rows_in(Database& db) {
  std::int64_t n = -1;
  EXPECT_TRUE(db.read([&](Executor& ex) -> Status {
                  n = TRY(ex.query("SELECT COUNT(*) FROM loaded")).front().i64(0);
                  return {};
                }).ok());
  return n;
}

std::int64_t count_and_check(const std::string& path, std::string& integrity) {
  Options o;
  o.path = path;
  auto db = open(o);
  EXPECT_TRUE(db.ok()) << describe(db.error());
  if (!db.ok()) return -1;
  std::int64_t n = -1;
  EXPECT_TRUE((*db)
                  ->read([&](Executor& ex) -> Status {
                    n = TRY(ex.query("SELECT COUNT(*) FROM loaded")).front().i64(0);
                    integrity = TRY(ex.query("PRAGMA integrity_check")).front().text(0);
                    return {};
                  })
                  .ok());
  return n;
}

void create(const std::string& path) {
  Options o;
  o.path = path;
  auto db = open(o);
  ASSERT_TRUE(db.ok()) << describe(db.error());
  ASSERT_TRUE(
      (*db)
          ->write([](Executor& ex) -> Status {
            TRY_VOID(ex.exec("CREATE TABLE loaded (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
            return load(ex, 1, 10);
          })
          .ok());
}

TEST(SqliteBulkLoad, WritesThroughARollbackJournalAndLeavesAWalFile) {
  TempDir dir;
  const std::string path = dir.file("bulk.db");
  create(path);
  ASSERT_EQ(format_of(path), 2);
  {
    auto db = open(bulk(path));
    ASSERT_TRUE(db.ok()) << describe(db.error());
    EXPECT_EQ(journal_mode(**db), "truncate");
    ASSERT_TRUE((*db)->write([](Executor& ex) { return load(ex, 11, 5000); }).ok());
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
    EXPECT_EQ(rows_in(**db), 5010) << "its readers see what it wrote";
  }
  EXPECT_EQ(format_of(path), 2) << "closed in WAL mode";
  std::string integrity;
  EXPECT_EQ(count_and_check(path, integrity), 5010);
  EXPECT_EQ(integrity, "ok");
}

TEST(SqliteBulkLoad, KeepsTheWalWhileAnotherConnectionHasTheFileOpen) {
  TempDir dir;
  const std::string path = dir.file("shared.db");
  create(path);
  Options plain;
  plain.path = path;
  auto server = open(plain);
  ASSERT_TRUE(server.ok()) << describe(server.error());
  ASSERT_TRUE((*server)->ping().ok());
  auto loader = open(bulk(path));
  ASSERT_TRUE(loader.ok()) << describe(loader.error());
  EXPECT_EQ(journal_mode(**loader), "wal");
  ASSERT_TRUE((*loader)->write([](Executor& ex) { return load(ex, 11, 100); }).ok());
  EXPECT_EQ(rows_in(**server), 110);
}

TEST(SqliteBulkLoad, ALoadKilledBeforeItsCommitLeavesNothingAndTheFileInWal) {
  TempDir dir;
  const std::string path = dir.file("killed.db");
  create(path);
  const auto size_before = std::filesystem::file_size(path);
  contract::KilledChild loader([&](int to_parent) {
    auto db = open(bulk(path));
    if (!db.ok()) ::_exit(3);
    (void)(*db)->write([&](Executor& ex) -> Status {
      if (!load(ex, 11, 20000).ok()) ::_exit(4);
      // 20 MB through a 1 MB cache: most of it is in the file now, uncommitted. Say so and
      // wait to be killed.
      if (::write(to_parent, "l", 1) != 1) ::_exit(5);
      for (;;)
        ::pause();
      return {};
    });
    ::_exit(6);
  });
  ASSERT_TRUE(loader.started());
  char loaded = 0;
  ASSERT_EQ(::read(loader.from_child(), &loaded, 1), 1) << "the loader died before loading";
  EXPECT_GT(std::filesystem::file_size(path), size_before + 10'000'000)
      << "the load spilled into the file";
  EXPECT_TRUE(std::filesystem::exists(path + "-journal"));
  const int status = loader.kill_and_wait();
  ASSERT_TRUE(WIFSIGNALED(status)) << "the loader exited with " << WEXITSTATUS(status);

  std::string integrity;
  EXPECT_EQ(count_and_check(path, integrity), 10);
  EXPECT_EQ(integrity, "ok");
  EXPECT_EQ(format_of(path), 2);
}

}  // namespace
}  // namespace fuwu::store::sqlite
