// What only the SQLite backend has: its file (open errors, WAL, pragmas), its embedded
// migrations, and online backup and restore.
#include <atomic>
#include <fstream>
#include <future>
#include <thread>

#include "store/sqlite/backup.h"
#include "store/sqlite/sqlite_database.h"
#include "store_contract/backend.h"

namespace fuwu::store::sqlite {
namespace {

using contract::describe;
using contract::TempDir;

constexpr Instant kNow = Instant::from_unix(1'790'000'000);

std::unique_ptr<Database> open_or_die(const std::string& path) {
  Options o;
  o.path = path;
  auto db = open(o);
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : describe(db.error()));
  return db.ok() ? std::move(db).value() : nullptr;
}

std::string pragma(Database& db, const std::string& sql) {
  std::string value;
  const Status s = db.read([&](Executor& ex) -> Status {
    auto rows = TRY(ex.query(sql));
    if (rows.empty()) return {};
    const Value& v = rows.front().value(0);
    value = std::holds_alternative<std::int64_t>(v) ? std::to_string(std::get<std::int64_t>(v))
                                                    : rows.front().text(0);
    return {};
  });
  EXPECT_TRUE(s.ok()) << sql;
  return value;
}

std::int64_t count_notes(Database& db) {
  std::int64_t n = -1;
  EXPECT_TRUE(db.read([&](Executor& ex) -> Status {
                  n = TRY(ex.query("SELECT count(*) FROM notes")).front().i64(0);
                  return {};
                }).ok());
  return n;
}

// A Fuwu-like database: test migrations (so that schema_migrations exists) and `rows` notes.
std::unique_ptr<Database> seeded(const std::string& path, int rows) {
  auto db = open_or_die(path);
  const std::vector<Migration> migrations = {
      {1, "0001_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"}};
  EXPECT_TRUE(migrate(*db, migrations, kNow).ok());
  for (int i = 0; i < rows; i += 100) {
    EXPECT_TRUE(db->write([&](Executor& ex) -> Status {
                    for (int j = i; j < std::min(rows, i + 100); ++j) {
                      TRY_VOID(ex.exec("INSERT INTO notes (body) VALUES ($1)",
                                       {"备注 " + std::to_string(j) + std::string(200, 'x')}));
                    }
                    return {};
                  }).ok());
  }
  return db;
}

TEST(SqliteBackend, OpensInWalWithForeignKeysAndFullSync) {
  TempDir dir;
  auto db = open_or_die(dir.file("a.db"));
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(pragma(*db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma(*db, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(pragma(*db, "PRAGMA query_only"), "1");  // readers
  std::string sync;
  ASSERT_TRUE(db->write([&](Executor& ex) -> Status {
                  sync = std::to_string(TRY(ex.query("PRAGMA synchronous")).front().i64(0));
                  return {};
                }).ok());
  EXPECT_EQ(sync, "2");  // FULL
  EXPECT_EQ(db->dialect(), DialectKind::sqlite);
}

TEST(SqliteBackend, RefusesBadOptionsAndFilesThatAreNotDatabases) {
  Options o;
  o.path = ":memory:";
  auto memory = open(o);
  ASSERT_FALSE(memory.ok());
  EXPECT_EQ(memory.error().code, ErrorCode::invalid_request);

  TempDir dir;
  o.path = dir.file("text.db");
  std::ofstream(o.path) << "this is not a database, just some text that is long enough........"
                        << std::string(200, 'z');
  auto garbage = open(o);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::internal);

  o.path = dir.file("missing-dir/a.db");
  EXPECT_FALSE(open(o).ok());
}

TEST(SqliteBackend, RejectsPlaceholdersOtherThanDollarNumbers) {
  TempDir dir;
  auto db = open_or_die(dir.file("a.db"));
  const Status s = db->read([](Executor& ex) -> Status {
    TRY_VOID(ex.query("SELECT :name", {std::string("x")}));
    return {};
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::internal);
  const Status two = db->read([](Executor& ex) -> Status {
    TRY_VOID(ex.query("SELECT 1; SELECT 2"));
    return {};
  });
  EXPECT_FALSE(two.ok());
}

TEST(SqliteBackend, AnotherProcessHoldingTheWriteLockIsUnavailable) {
  // Two Database objects on one file stand for two processes (fuwu serve and a CLI command).
  TempDir dir;
  Options o;
  o.path = dir.file("shared.db");
  o.busy_timeout_ms = 50;
  auto first = open(o);
  auto second = open(o);
  ASSERT_TRUE(first.ok() && second.ok());
  std::promise<void> holding;
  std::promise<void> release;
  auto released = release.get_future();
  std::thread holder([&] {
    EXPECT_TRUE((*first)
                    ->write([&](Executor& ex) -> Status {
                      TRY_VOID(ex.exec_script("CREATE TABLE t (a INTEGER)"));
                      holding.set_value();
                      released.wait();
                      return {};
                    })
                    .ok());
  });
  holding.get_future().wait();
  const Status busy = (*second)->write([](Executor&) -> Status { return {}; });
  release.set_value();
  holder.join();
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, ErrorCode::unavailable) << describe(busy.error());
  EXPECT_GT(busy.error().retry_after_seconds, 0);
  // Once the lock is free the second writer goes ahead.
  EXPECT_TRUE((*second)
                  ->write([](Executor& ex) -> Status {
                    TRY_VOID(ex.exec("INSERT INTO t (a) VALUES (1)"));
                    return {};
                  })
                  .ok());
}

TEST(SqliteBackend, EmbeddedMigrationsApplyToAnEmptyDatabase) {
  TempDir dir;
  auto db = open_or_die(dir.file("fuwu.db"));
  const auto& migrations = embedded_migrations();
  ASSERT_FALSE(migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    // migrate() applies only versions above the database's: a gap (a file not committed yet)
    // would be skipped for good by every database already past it.
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1)
        << migrations[i].name << ": migration versions must be 1, 2, 3 ... without gaps";
    EXPECT_FALSE(migrations[i].sql.empty());
  }
  auto report = migrate(*db, migrations, kNow);
  ASSERT_TRUE(report.ok()) << describe(report.error());
  EXPECT_EQ(report->to_version, migrations.back().version);
  EXPECT_EQ(pragma(*db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(pragma(*db, "PRAGMA foreign_key_check"), "");
}

TEST(SqliteBackup, RoundTripsThroughBackupAndRestore) {
  TempDir dir;
  auto db = seeded(dir.file("live.db"), 2000);
  std::vector<CopyProgress> steps;
  auto report = backup(dir.file("live.db"), dir.file("backup.db"), Overwrite::refuse,
                       [&](const CopyProgress& p) { steps.push_back(p); });
  ASSERT_TRUE(report.ok()) << describe(report.error());
  EXPECT_EQ(report->schema_version, 1);
  EXPECT_GT(report->pages, 100);
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps.back().pages_done, steps.back().pages_total);
  EXPECT_EQ(steps.back().pages_total, report->pages);
  for (std::size_t i = 1; i < steps.size(); ++i) {
    EXPECT_GE(steps[i].pages_done, steps[i - 1].pages_done);
  }
  auto version = validate(dir.file("backup.db"));
  ASSERT_TRUE(version.ok()) << describe(version.error());
  EXPECT_EQ(*version, 1);

  // The live database moves on; restoring the backup brings back the state at backup time.
  ASSERT_TRUE(db->write([](Executor& ex) -> Status {
                  TRY_VOID(ex.exec("DELETE FROM notes WHERE id > 10"));
                  return {};
                }).ok());
  db.reset();  // the server must be stopped before a restore
  auto restored = restore(dir.file("backup.db"), dir.file("live.db"), Overwrite::replace);
  ASSERT_TRUE(restored.ok()) << describe(restored.error());
  db = open_or_die(dir.file("live.db"));
  EXPECT_EQ(count_notes(*db), 2000);
  EXPECT_EQ(pragma(*db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(pragma(*db, "PRAGMA journal_mode"), "wal");

  // Restoring to a new path works as well.
  db.reset();
  ASSERT_TRUE(restore(dir.file("backup.db"), dir.file("new.db"), Overwrite::refuse).ok());
  auto fresh = open_or_die(dir.file("new.db"));
  EXPECT_EQ(count_notes(*fresh), 2000);
}

TEST(SqliteBackup, IsConsistentWhileWritesGoOn) {
  TempDir dir;
  auto db = seeded(dir.file("live.db"), 3000);
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (!stop) {
      const Status s = db->write([](Executor& ex) -> Status {
        TRY_VOID(ex.exec("INSERT INTO notes (body) VALUES ('during backup')"));
        TRY_VOID(ex.exec("UPDATE notes SET body = body || '.' WHERE id = 1"));
        return {};
      });
      if (s.ok()) ++written;
    }
  });
  while (written < 5)
    std::this_thread::yield();
  auto report = backup(dir.file("live.db"), dir.file("backup.db"), Overwrite::refuse);
  stop = true;
  writer.join();
  ASSERT_TRUE(report.ok()) << describe(report.error());
  ASSERT_TRUE(validate(dir.file("backup.db")).ok());
  auto copy = open_or_die(dir.file("backup.db"));
  const std::int64_t copied = count_notes(*copy);
  EXPECT_GE(copied, 3000);
  EXPECT_LE(copied, count_notes(*db));
}

TEST(SqliteBackup, RefusesWhatItMustNotDo) {
  TempDir dir;
  auto db = seeded(dir.file("live.db"), 10);
  ASSERT_TRUE(backup(dir.file("live.db"), dir.file("b.db"), Overwrite::refuse).ok());

  // An existing destination needs Overwrite::replace.
  auto again = backup(dir.file("live.db"), dir.file("b.db"), Overwrite::refuse);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_TRUE(backup(dir.file("live.db"), dir.file("b.db"), Overwrite::replace).ok());

  // A missing source.
  auto missing = backup(dir.file("nope.db"), dir.file("c.db"), Overwrite::refuse);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  // Restoring over a database that is open (the server is running).
  auto in_use = restore(dir.file("b.db"), dir.file("live.db"), Overwrite::replace);
  ASSERT_FALSE(in_use.ok());
  EXPECT_EQ(in_use.error().code, ErrorCode::unavailable) << describe(in_use.error());
  EXPECT_EQ(count_notes(*db), 10);
  db.reset();
  auto no_force = restore(dir.file("b.db"), dir.file("live.db"), Overwrite::refuse);
  ASSERT_FALSE(no_force.ok());
  EXPECT_EQ(no_force.error().code, ErrorCode::conflict);

  // Restoring something that is not a Fuwu database.
  {
    auto plain = open_or_die(dir.file("plain.db"));
    ASSERT_TRUE(
        plain->write([](Executor& ex) { return ex.exec_script("CREATE TABLE t (a);"); }).ok());
  }
  auto not_fuwu = restore(dir.file("plain.db"), dir.file("live.db"), Overwrite::replace);
  ASSERT_FALSE(not_fuwu.ok());
  EXPECT_EQ(not_fuwu.error().code, ErrorCode::validation_failed);
  std::ofstream(dir.file("junk.db")) << std::string(8192, 'j');
  auto junk = restore(dir.file("junk.db"), dir.file("live.db"), Overwrite::replace);
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.error().code, ErrorCode::validation_failed);

  // None of that touched the live database.
  db = open_or_die(dir.file("live.db"));
  EXPECT_EQ(count_notes(*db), 10);
}

}  // namespace
}  // namespace fuwu::store::sqlite
