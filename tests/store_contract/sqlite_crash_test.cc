// Several processes on one SQLite file. An acknowledged write survives the process being killed
// (kill -9) at any moment: a child process writes from several threads and reports each
// acknowledged row through a pipe; the parent kills it at a random moment and checks that every
// reported row is in the database. And restore refuses a database another process has open.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <set>
#include <thread>

#include "store/sqlite/backup.h"
#include "store/sqlite/sqlite_database.h"
#include "store_contract/backend.h"

namespace fuwu::store::sqlite {
namespace {

using contract::describe;
using contract::TempDir;

// The child: writes until killed, one line "<id>\n" per acknowledged write.
[[noreturn]] void write_until_killed(const std::string& path, int ack_fd, int first_id) {
  Options o;
  o.path = path;
  auto db = open(o);
  if (!db.ok()) ::_exit(3);
  std::atomic<int> next{first_id};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        const std::int64_t id = next++;
        const Status s = (*db)->write([id](Executor& ex) -> Status {
          TRY_VOID(
              ex.exec("INSERT INTO acked (id, body) VALUES ($1, $2)", {id, std::string(300, 'x')}));
          return {};
        });
        if (!s.ok()) ::_exit(4);
        const std::string line = std::to_string(id) + "\n";
        // One write(2) of a few bytes to a pipe is atomic.
        if (::write(ack_fd, line.data(), line.size()) < 0) ::_exit(5);
      }
    });
  }
  for (auto& th : threads)
    th.join();
  ::_exit(0);
}

// Every id in `buffer` and what is left to read from `fd`.
std::set<std::int64_t> read_acks(int fd, std::string buffer) {
  std::set<std::int64_t> ids;
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  std::size_t start = 0;
  for (std::size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1) {
    ids.insert(std::stoll(buffer.substr(start, end - start)));
  }
  return ids;
}

// A Fuwu-like database at `path`: one test migration (so schema_migrations exists).
bool create(const std::string& path, const std::string& table_sql) {
  Options o;
  o.path = path;
  auto db = open(o);
  if (!db.ok()) return false;
  const std::vector<Migration> m = {{1, "0001_test", table_sql}};
  return migrate(**db, m, Instant::from_unix(0)).ok();
}

TEST(SqliteCrash, AcknowledgedWritesSurviveKill9) {
  TempDir dir;
  const std::string path = dir.file("crash.db");
  ASSERT_TRUE(create(path, "CREATE TABLE acked (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
  std::mt19937 rng(std::random_device{}());
  std::set<std::int64_t> acked;
  constexpr int kKills = 5;
  for (int round = 0; round < kKills; ++round) {
    contract::KilledChild writer(
        [&](int ack_fd) { write_until_killed(path, ack_fd, 1'000'000 * (round + 1)); });
    ASSERT_TRUE(writer.started());
    // Wait for the first acknowledgement (a loaded machine may take long to start the child),
    // then let it write for a random while.
    char first[64];
    const ssize_t got = ::read(writer.from_child(), first, sizeof first);
    ASSERT_GT(got, 0) << "the writer died before acknowledging anything";
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 150));
    const int status = writer.kill_and_wait();
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited early with " << WEXITSTATUS(status);
    const std::set<std::int64_t> round_acks =
        read_acks(writer.from_child(), std::string(first, static_cast<std::size_t>(got)));
    EXPECT_FALSE(round_acks.empty()) << "round " << round << " acknowledged nothing";
    acked.insert(round_acks.begin(), round_acks.end());
  }

  Options o;
  o.path = path;
  auto db = open(o);
  ASSERT_TRUE(db.ok()) << describe(db.error());
  std::set<std::int64_t> present;
  std::string integrity;
  ASSERT_TRUE((*db)
                  ->read([&](Executor& ex) -> Status {
                    for (const Row& r : TRY(ex.query("SELECT id FROM acked"))) {
                      present.insert(r.i64(0));
                    }
                    integrity = TRY(ex.query("PRAGMA integrity_check")).front().text(0);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(integrity, "ok");
  std::size_t missing = 0;
  for (const std::int64_t id : acked)
    missing += present.count(id) == 0 ? 1 : 0;
  EXPECT_EQ(missing, 0u) << "of " << acked.size() << " acknowledged writes";
  EXPECT_GE(present.size(), acked.size());
}

TEST(SqliteProcesses, RestoreRefusesADatabaseAnotherProcessHasOpen) {
  TempDir dir;
  const std::string live = dir.file("live.db");
  ASSERT_TRUE(create(live, "CREATE TABLE t (a INTEGER)"));
  ASSERT_TRUE(backup(live, dir.file("b.db"), Overwrite::refuse).ok());

  // The child stands for a running `fuwu serve`: it holds the database open until told to go.
  int to_child[2];
  int from_child[2];
  ASSERT_EQ(::pipe(to_child), 0);
  ASSERT_EQ(::pipe(from_child), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(to_child[1]);  // else the read below never sees EOF
    ::close(from_child[0]);
    Options o;
    o.path = live;
    auto db = open(o);
    if (!db.ok() || !(*db)->ping().ok()) ::_exit(3);
    char c = 'r';
    if (::write(from_child[1], &c, 1) != 1) ::_exit(4);
    if (::read(to_child[0], &c, 1) < 0) ::_exit(5);  // returns at EOF: the parent closed it
    ::_exit(0);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  char ready = 0;
  const bool child_ready = ::read(from_child[0], &ready, 1) == 1;
  auto in_use = restore(dir.file("b.db"), live, Overwrite::replace);
  ::close(to_child[1]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(from_child[0]);
  ASSERT_TRUE(child_ready);
  ASSERT_FALSE(in_use.ok());
  EXPECT_EQ(in_use.error().code, ErrorCode::unavailable) << describe(in_use.error());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  // The server has stopped: now the restore goes ahead.
  auto restored = restore(dir.file("b.db"), live, Overwrite::replace);
  EXPECT_TRUE(restored.ok()) << describe(restored.error());
}

}  // namespace
}  // namespace fuwu::store::sqlite
