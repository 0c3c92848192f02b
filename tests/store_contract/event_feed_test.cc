// "Events committed" feeds (store/events.h): SQLite's polling feed, and PostgreSQL's LISTEN feed
// with three nodes on one database — every node learns of every committed outbox row, never of
// a rolled-back one, and catches up after its LISTEN connection is killed.
#include "store/events.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "store/migration.h"
#include "store/sqlite/sqlite_database.h"
#include "store_contract/backend.h"
#ifdef FUWU_HAVE_POSTGRES
#include "store/postgres/postgres_database.h"
#endif

namespace fuwu::store::contract {
namespace {

constexpr Instant kNow = Instant::from_unix(1'790'000'000);

// What one node's feed reported.
struct Seen {
  std::mutex mutex;
  std::vector<std::int64_t> ids;
  void add(std::int64_t id) {
    std::lock_guard lock(mutex);
    ids.push_back(id);
  }
  std::int64_t last() {
    std::lock_guard lock(mutex);
    return ids.empty() ? -1 : ids.back();
  }
  bool contains(std::int64_t id) {
    std::lock_guard lock(mutex);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
};

bool wait_for(const std::function<bool()>& done, int ms = 10000) {
  for (int waited = 0; waited < ms; waited += 10) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

Result<std::int64_t> add_event(Database& db, bool commit) {
  std::int64_t id = 0;
  const Status s = db.write([&](Executor& ex) -> Status {
    auto row =
        TRY(ex.query_one("INSERT INTO outbox (at, event_type, record_type, record_id) "
                         "VALUES ('2026-11-22T10:00:00Z', 'test.event', 'test', 1) RETURNING id"));
    id = row->i64(0);
    if (!commit) return Error(ErrorCode::conflict, "rolled back on purpose");
    return {};
  });
  if (!s.ok() && commit) return s.error();
  return id;
}

TEST(EventFeed, SqlitePollingFeedReportsCommittedEvents) {
  TempDir dir;
  sqlite::Options o;
  o.path = dir.file("events.db");
  auto db = sqlite::open(o);
  FUWU_ASSERT_OK(db);
  FUWU_ASSERT_OK(migrate(**db, sqlite::embedded_migrations(), kNow));
  Seen seen;
  auto feed = polling_event_feed(**db, 20);
  FUWU_ASSERT_OK(feed->start([&](std::int64_t id) { seen.add(id); }));
  ASSERT_TRUE(wait_for([&] { return seen.last() == 0; }));
  std::int64_t last = 0;
  for (int i = 0; i < 5; ++i) {
    auto id = add_event(**db, true);
    FUWU_ASSERT_OK(id);
    last = *id;
  }
  ASSERT_TRUE(wait_for([&] { return seen.last() == last; })) << seen.last();
  feed->stop();
}

#ifdef FUWU_HAVE_POSTGRES
TEST(EventFeed, ThreePostgresNodesSeeEveryCommittedEvent) {
  const auto& list = backends();
  if (list.size() < 2) GTEST_SKIP() << "FUWU_TEST_PG_URL is not set (see scripts/pg)";
  const Backend& pg = list[1];
  TempDir dir;
  std::vector<std::unique_ptr<Database>> nodes;
  for (int i = 0; i < 3; ++i) {
    auto db = pg.open(dir.path());
    FUWU_ASSERT_OK(db);
    nodes.push_back(std::move(db).value());
  }
  FUWU_ASSERT_OK(migrate(*nodes[0], postgres::embedded_migrations(), kNow));

  std::vector<std::unique_ptr<Seen>> seen;
  std::vector<std::unique_ptr<EventFeed>> feeds;
  for (int i = 0; i < 3; ++i) {
    seen.push_back(std::make_unique<Seen>());
    feeds.push_back(postgres::listen_event_feed(pg.url(dir.path())));
    Seen* s = seen.back().get();
    FUWU_ASSERT_OK(feeds.back()->start([s](std::int64_t id) { s->add(id); }));
  }
  for (auto& s : seen)
    ASSERT_TRUE(wait_for([&] { return s->last() == 0; }));

  // Every node writes events concurrently; one unit of each node rolls back.
  std::vector<std::int64_t> rolled_back(3);
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int n = 0; n < 3; ++n) {
    writers.emplace_back([&, n] {
      for (int i = 0; i < 20; ++i) {
        auto id = add_event(*nodes[n], i != 10);
        if (!id.ok()) ++failures;
        if (i == 10 && id.ok()) rolled_back[n] = *id;
      }
    });
  }
  for (auto& w : writers)
    w.join();
  ASSERT_EQ(failures.load(), 0);
  std::int64_t max_id = 0;
  FUWU_ASSERT_OK(nodes[0]->read([&](Executor& ex) -> Status {
    auto row = TRY(ex.query_one("SELECT MAX(id), count(*) FROM outbox"));
    max_id = row->i64(0);
    EXPECT_EQ(row->i64(1), 57);
    return {};
  }));
  for (auto& s : seen) {
    ASSERT_TRUE(wait_for([&] { return s->last() == max_id; })) << s->last() << " of " << max_id;
    for (std::int64_t id : rolled_back)
      EXPECT_FALSE(s->contains(id)) << "rolled back " << id;
  }

  // A killed LISTEN connection: the feed reconnects and reports what it missed.
  FUWU_ASSERT_OK(nodes[0]->write([](Executor& ex) -> Status {
    TRY_VOID(
        ex.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                 "WHERE application_name = 'fuwu-events' AND datname = current_database()"));
    return {};
  }));
  auto later = add_event(*nodes[1], true);
  FUWU_ASSERT_OK(later);
  for (auto& s : seen) {
    ASSERT_TRUE(wait_for([&] { return s->last() == *later; })) << s->last() << " of " << *later;
  }
  for (auto& f : feeds)
    f->stop();
  nodes.clear();
  pg.close(dir.path());
}
#endif

}  // namespace
}  // namespace fuwu::store::contract
