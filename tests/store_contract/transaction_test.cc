// Transactions through Database: group commit with savepoint isolation, read snapshots,
// committed-only visibility, and misuse that must fail instead of deadlocking.
#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

#include "store_contract/backend.h"

namespace fuwu::store::contract {
namespace {

using namespace std::chrono_literals;

class TransactionContract : public ContractTest {
 protected:
  // A write unit inserting an item; with `fail` it returns an error after the insert.
  Unit insert_item(std::string name, bool fail) {
    return [name = std::move(name), fail](Executor& ex) -> Status {
      TRY_VOID(ex.exec("INSERT INTO items (name, qty) VALUES ($1, 1)", {name}));
      if (fail) return Error(ErrorCode::validation_failed, "planned failure");
      return {};
    };
  }
  bool item_exists(const std::string& name) {
    return !read_query("SELECT id FROM items WHERE name = $1", {name}).empty();
  }
};

TEST_P(TransactionContract, ConcurrentWritersEachGetTheirOwnOutcome) {
  constexpr int kThreads = 12;
  constexpr int kPerThread = 25;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string name = "t" + std::to_string(t) + "-" + std::to_string(i);
        Status s;
        if (i % 5 == 3) {
          // A statement error (duplicate key) after a successful insert.
          s = db().write([&](Executor& ex) -> Status {
            TRY_VOID(ex.exec("INSERT INTO items (name, qty) VALUES ($1, 1)", {name}));
            TRY_VOID(ex.exec("INSERT INTO items (name, qty) VALUES ($1, 1)", {name}));
            return {};
          });
          if (s.ok() || s.error().code != ErrorCode::conflict) ++wrong;
        } else {
          s = db().write(insert_item(name, i % 5 == 1));
          if (s.ok() != (i % 5 != 1)) ++wrong;
        }
      }
    });
  }
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(wrong.load(), 0);
  // 3 of every 5 units committed; the failed ones left nothing behind.
  EXPECT_EQ(count("items"), kThreads * kPerThread * 3 / 5);
  EXPECT_FALSE(item_exists("t0-1"));
  EXPECT_FALSE(item_exists("t0-3"));
  EXPECT_TRUE(item_exists("t0-0"));
  EXPECT_TRUE(item_exists("t11-24"));

  const DatabaseStats stats = db().stats();
  EXPECT_GE(stats.units, static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_LE(stats.commits, stats.units);
}

TEST_P(TransactionContract, AFailingUnitInABatchRollsBackAlone) {
  write_query("INSERT INTO items (name) VALUES ('taken')");
  const DatabaseStats before = db().stats();
  // Hold the writer in a slow unit while eight more units queue behind it: on SQLite they are
  // then committed together, in one batch, in which every unit but one in four fails, each in
  // its own way.
  std::promise<void> writer_busy;
  std::thread slow([&] {
    const Status s = db().write([&](Executor& ex) -> Status {
      TRY_VOID(ex.exec("INSERT INTO items (name) VALUES ('slow')"));
      writer_busy.set_value();
      std::this_thread::sleep_for(300ms);
      return {};
    });
    EXPECT_TRUE(s.ok());
  });
  writer_busy.get_future().wait();
  constexpr int kQueued = 8;
  const auto unit_for = [](int i) -> Unit {
    const std::string name = "q" + std::to_string(i);
    return [name, i](Executor& ex) -> Status {
      TRY_VOID(ex.exec("INSERT INTO items (name) VALUES ($1)", {name}));
      switch (i % 4) {
        case 1:
          return Error(ErrorCode::validation_failed, "planned failure");
        case 2:
          // A deferred foreign key: SQLite and PostgreSQL only see it at COMMIT.
          TRY_VOID(ex.exec("INSERT INTO links (item_id) VALUES (999999)"));
          return {};
        case 3:
          TRY_VOID(ex.exec("INSERT INTO items (name) VALUES ('taken')"));
          return {};
        default:
          TRY_VOID(
              ex.exec("INSERT INTO links (item_id) SELECT id FROM items WHERE name = $1", {name}));
          return {};
      }
    };
  };
  std::vector<std::future<Status>> outcomes;
  for (int i = 0; i < kQueued; ++i) {
    outcomes.push_back(std::async(std::launch::async, [&, i] { return db().write(unit_for(i)); }));
  }
  slow.join();
  const ErrorCode expected[] = {ErrorCode::internal /* unused: ok */, ErrorCode::validation_failed,
                                ErrorCode::validation_failed, ErrorCode::conflict};
  for (int i = 0; i < kQueued; ++i) {
    const Status s = outcomes[static_cast<std::size_t>(i)].get();
    EXPECT_EQ(s.ok(), i % 4 == 0) << i;
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, expected[i % 4]) << i << " " << describe(s.error());
    }
    EXPECT_EQ(item_exists("q" + std::to_string(i)), i % 4 == 0) << i;
  }
  EXPECT_TRUE(item_exists("slow"));
  EXPECT_EQ(count("links"), kQueued / 4);

  const DatabaseStats after = db().stats();
  EXPECT_EQ(after.units - before.units, 1u + kQueued);
  if (!backend().groups_commits) return;
  EXPECT_LT(after.commits - before.commits, 1u + kQueued);  // fewer commits than units
  std::uint64_t multi_unit_batches = 0;
  for (int b = 1; b < 8; ++b) {
    multi_unit_batches += after.batch_histogram[b] - before.batch_histogram[b];
  }
  EXPECT_GE(multi_unit_batches, 1u);
}

TEST_P(TransactionContract, ReadModifyWriteUnitsLoseNoUpdate) {
  // Each unit reads a counter and writes it back plus one, without any locking clause: the
  // backend must make that safe (SQLite: one writer; PostgreSQL: SERIALIZABLE and retries).
  write_query("INSERT INTO items (name, qty) VALUES ('counter', 0)");
  constexpr int kThreads = 6;
  constexpr int kPerThread = 15;
  std::atomic<int> succeeded{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        const Status s = db().write([](Executor& ex) -> Status {
          auto row = TRY(ex.query_one("SELECT qty FROM items WHERE name = 'counter'"));
          const std::int64_t seen = row ? row->i64(0) : -1;
          TRY_VOID(ex.exec("UPDATE items SET qty = $1 WHERE name = 'counter'", {seen + 1}));
          return {};
        });
        if (s.ok()) {
          ++succeeded;
        } else if (s.error().code != ErrorCode::unavailable) {
          ++wrong;  // only "busy, retry later" may happen after all retries
        }
      }
    });
  }
  for (auto& th : threads)
    th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GT(succeeded.load(), kThreads * kPerThread / 2);
  const Rows rows = read_query("SELECT qty FROM items WHERE name = 'counter'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].i64(0), succeeded.load());
}

TEST_P(TransactionContract, ReadsSeeOnlyCommittedData) {
  std::promise<void> inserted;
  std::promise<void> may_commit;
  auto may_commit_future = may_commit.get_future();
  std::thread writer([&] {
    const Status s = db().write([&](Executor& ex) -> Status {
      TRY_VOID(ex.exec("INSERT INTO items (name) VALUES ('pending')"));
      inserted.set_value();
      may_commit_future.wait();
      return {};
    });
    EXPECT_TRUE(s.ok());
  });
  inserted.get_future().wait();
  EXPECT_EQ(count("items"), 0);  // written but not committed
  may_commit.set_value();
  writer.join();
  EXPECT_EQ(count("items"), 1);  // write() returned: committed
}

TEST_P(TransactionContract, AReadUnitSeesOneSnapshot) {
  write_query("INSERT INTO items (name) VALUES ('first')");
  std::int64_t before = -1;
  std::int64_t after = -1;
  FUWU_ASSERT_OK(db().read([&](Executor& ex) -> Status {
    before = TRY(ex.query("SELECT count(*) FROM items")).front().i64(0);
    // Another thread commits a row in the middle of this read unit.
    std::thread other([&] { write_query("INSERT INTO items (name) VALUES ('second')"); });
    other.join();
    after = TRY(ex.query("SELECT count(*) FROM items")).front().i64(0);
    return {};
  }));
  EXPECT_EQ(before, 1);
  EXPECT_EQ(after, 1);
  EXPECT_EQ(count("items"), 2);
}

TEST_P(TransactionContract, WritesInsideAReadUnitFail) {
  const Status s = db().read([](Executor& ex) -> Status {
    return ex.exec("INSERT INTO items (name) VALUES ('x')").ok()
               ? Status()
               : Error(ErrorCode::internal, "refused");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count("items"), 0);
}

TEST_P(TransactionContract, AFailedUnitLeavesNothing) {
  const Status s = db().write(insert_item("gone", true));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(s.error().message, "planned failure");
  EXPECT_EQ(count("items"), 0);
  FUWU_ASSERT_OK(db().write(insert_item("kept", false)));
  EXPECT_EQ(count("items"), 1);
}

TEST_P(TransactionContract, NestedCallsFailInsteadOfDeadlocking) {
  Status inner;
  FUWU_ASSERT_OK(db().write([&](Executor&) -> Status {
    inner = db().write([](Executor&) -> Status { return {}; });
    return {};
  }));
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.error().code, ErrorCode::internal);
  FUWU_ASSERT_OK(db().read([&](Executor&) -> Status {
    inner = db().read([](Executor&) -> Status { return {}; });
    return {};
  }));
  ASSERT_FALSE(inner.ok());
}

TEST_P(TransactionContract, AThrowingUnitFailsAloneAsInternal) {
  const Status s = db().write([](Executor& ex) -> Status {
    TRY_VOID(ex.exec("INSERT INTO items (name) VALUES ('thrown')"));
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::internal);
  EXPECT_EQ(count("items"), 0);
  FUWU_ASSERT_OK(db().write(insert_item("after", false)));
  EXPECT_EQ(count("items"), 1);
}

TEST_P(TransactionContract, DataSurvivesReopening) {
  write_query("INSERT INTO items (name) VALUES ('durable')");
  db_.reset();
  auto reopened = backend().open(dir_->path());
  FUWU_ASSERT_OK(reopened);
  db_ = std::move(reopened).value();
  EXPECT_TRUE(item_exists("durable"));
}

INSTANTIATE_TEST_SUITE_P(Backends, TransactionContract, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace fuwu::store::contract
