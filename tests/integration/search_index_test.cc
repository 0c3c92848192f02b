// The FTS5 index is written once per write transaction (migration 0033, SqliteDatabase's
// index_changed_documents): documents of units committed together are all indexed, each once;
// a unit that fails leaves nothing behind; an update replaces the old text; and FTS5's own
// integrity check agrees with the documents afterwards.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/organisations/organisation.h"
#include "app/search/search.h"
#include "app/tickets/ticket.h"
#include "integration/test_database.h"

namespace fuwu {
namespace {

using testing::TestDatabase;

constexpr int kThreads = 12, kPerThread = 6;

std::size_t hits(store::Database& db, const std::string& q) {
  std::size_t n = 0;
  EXPECT_TRUE(db.read([&](store::Executor& ex) -> Status {
                  app::SearchRequest r;
                  r.query = q;
                  r.limit = 100;
                  n = TRY(app::search_tickets(ex, app::Actor::system(), r)).items.size();
                  return {};
                }).ok());
  return n;
}

TEST(SearchIndex, UnitsCommittedTogetherAreIndexedEachOnceAndAFailedUnitLeavesNoTrace) {
  TestDatabase db;
  const Instant now = Instant::from_unix(1780000000);
  std::int64_t org = 0;
  ASSERT_TRUE(db.db()
                  .write([&](store::Executor& ex) -> Status {
                    org = TRY(app::create_organisation(ex, app::Actor::system(), now,
                                                       {"客户", "customer", "", "", ""}))
                              .id;
                    return {};
                  })
                  .ok());
  // Many writers at once, so that the writer commits them in batches; every third unit fails
  // after writing its ticket and search document.
  std::atomic<int> go{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      go.fetch_add(1);
      while (go.load() < kThreads)
        std::this_thread::yield();
      for (int i = 0; i < kPerThread; ++i) {
        const int n = t * kPerThread + i;
        const bool fail = n % 3 == 2;
        const Status s = db.db().write([&](store::Executor& ex) -> Status {
          app::NewTicket in;
          in.kind = "incident";
          in.title = "批量打印机故障 word" + std::to_string(n) + (fail ? " doomed" : " kept");
          in.description = "printer jam 卡纸";
          in.organisation_id = org;
          TRY_VOID(app::create_ticket(ex, app::Actor::system(), now, in));
          if (fail) return Error(ErrorCode::conflict, "this unit fails after indexing");
          return {};
        });
        EXPECT_EQ(s.ok(), !fail) << n;
      }
    });
  }
  for (auto& th : threads)
    th.join();
  const auto stats = db.db().stats();
  std::uint64_t batched = 0;
  for (std::size_t b = 1; b < 8; ++b)
    batched += stats.batch_histogram[b];
  EXPECT_GT(batched, 0u) << "no batch of two or more units: the deferred path was not exercised";

  const int total = kThreads * kPerThread, kept = total - total / 3;
  EXPECT_EQ(hits(db.db(), "kept"), static_cast<std::size_t>(kept));
  EXPECT_EQ(hits(db.db(), "doomed"), 0u);
  EXPECT_EQ(hits(db.db(), "打印"), static_cast<std::size_t>(kept));
  EXPECT_EQ(hits(db.db(), "word4"), 1u);
  EXPECT_EQ(hits(db.db(), "word5"), 0u);  // n = 5 failed

  // Updates in one unit: the old text is gone from the index, the new one found; a document
  // changed twice before the commit is indexed as it was last written.
  ASSERT_TRUE(db.db()
                  .write([&](store::Executor& ex) -> Status {
                    TRY_VOID(
                        ex.exec("UPDATE tickets SET title = '显示器黑屏 screen' WHERE "
                                "title LIKE '%word4 kept'"));
                    TRY_VOID(
                        ex.exec("UPDATE tickets SET title = '网络中断 network' WHERE "
                                "title LIKE '%word6 kept'"));
                    for (const char* w : {"screen", "network"}) {
                      auto id = TRY(ex.query_one(
                          std::string("SELECT id FROM tickets WHERE title LIKE '%") + w + "'"));
                      TRY_VOID(app::index_ticket(ex, id->i64(0)));
                    }
                    TRY_VOID(
                        ex.exec("UPDATE tickets SET title = '网络中断 network again' WHERE "
                                "title = '网络中断 network'"));
                    auto id = TRY(ex.query_one("SELECT id FROM tickets WHERE title LIKE '%again'"));
                    return app::index_ticket(ex, id->i64(0));
                  })
                  .ok());
  EXPECT_EQ(hits(db.db(), "word4"), 0u);
  EXPECT_EQ(hits(db.db(), "screen"), 1u);
  EXPECT_EQ(hits(db.db(), "again"), 1u);
  EXPECT_EQ(hits(db.db(), "kept"), static_cast<std::size_t>(kept - 2));

  // Nothing waits to be indexed, and FTS5 finds its index in step with the documents.
  const Status checked = db.db().write([&](store::Executor& ex) -> Status {
    auto pending = TRY(ex.query_one("SELECT COUNT(*) FROM search_pending"));
    EXPECT_EQ(pending->i64(0), 0);
    TRY_VOID(ex.exec("INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')"));
    return {};
  });
  EXPECT_TRUE(checked.ok()) << checked.error().message;
}

}  // namespace
}  // namespace fuwu
