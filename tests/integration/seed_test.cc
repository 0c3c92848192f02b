// `fuwu seed` into an empty database loads in one transaction: the big tables' secondary
// indexes are dropped and built again after the load, and the full-text index is built beside
// it (store/sqlite/search_bulk_index) and copied in. Afterwards the database must be exactly
// as if every ticket had been written through the API: every index and trigger back, FTS5's
// own integrity check passing, search finding what the documents hold, later writes indexed.
// A seed that fails part-way leaves nothing behind. A seed into a database that already holds
// tickets takes the ordinary path and is just as correct.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "app/search/search.h"
#include "app/seed/seed.h"
#include "app/tickets/ticket.h"
#include "integration/test_database.h"
#include "store/sqlite/search_bulk_index.h"

namespace fuwu {
namespace {

using testing::TestDatabase;

std::size_t hits(store::Database& db, const std::string& q) {
  std::size_t n = 0;
  const Status read = db.read([&](store::Executor& ex) -> Status {
    app::SearchRequest r;
    r.query = q;
    r.limit = 100;
    n = TRY(app::search_tickets(ex, app::Actor::system(), r)).items.size();
    return {};
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  return n;
}

std::int64_t count(store::Database& db, const std::string& sql) {
  std::int64_t n = -1;
  EXPECT_TRUE(db.read([&](store::Executor& ex) -> Status {
                  n = TRY(ex.query_one(sql))->i64(0);
                  return {};
                }).ok());
  return n;
}

// The names of the schema's indexes and triggers.
std::string schema(store::Database& db) {
  std::string out;
  EXPECT_TRUE(db.read([&](store::Executor& ex) -> Status {
                  for (const auto& r : TRY(ex.query(
                           "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                           "ORDER BY name"))) {
                    out += r.text(0) + " ";
                  }
                  return {};
                }).ok());
  return out;
}

Status check_index(store::Database& db) {
  return db.write([&](store::Executor& ex) -> Status {
    if (TRY(ex.query_one("SELECT COUNT(*) FROM search_pending"))->i64(0) != 0) {
      return Error(ErrorCode::internal, "documents wait to be indexed");
    }
    TRY_VOID(ex.exec("INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')"));
    return {};
  });
}

std::int64_t like(store::Database& db, const std::string& word) {
  return count(db, "SELECT COUNT(*) FROM search_documents WHERE title LIKE '%" + word +
                       "%' OR body LIKE '%" + word + "%' OR internal LIKE '%" + word + "%'");
}

app::SeedOptions options(const TestDatabase& db, std::int64_t tickets, std::uint64_t seed) {
  app::SeedOptions o;
  o.tickets = tickets;
  o.organisations = 8;
  o.agents = 6;
  o.batch = 700;
  o.random_seed = seed;
  o.bulk_index = store::sqlite::search_bulk_index(db.path());
  return o;
}

// Fails the seed at its very end, after the load and the side index are done.
class FailingInstall final : public store::SearchBulkIndex {
 public:
  explicit FailingInstall(std::unique_ptr<store::SearchBulkIndex> real) : real_(std::move(real)) {}
  void add(std::vector<Document> documents) override { real_->add(std::move(documents)); }
  void done() override { real_->done(); }
  Status install(store::Executor& ex) override {
    TRY_VOID(real_->install(ex));
    return Error(ErrorCode::unavailable, "the disk filled up");
  }

 private:
  std::unique_ptr<store::SearchBulkIndex> real_;
};

TEST(Seed, ALoadIntoAnEmptyDatabaseEndsAsIfWrittenThroughTheApi) {
  TestDatabase db;
  testing::FakeClock clock(Instant::from_unix(1780000000));
  app::Services services{db.db(), clock, {}};
  const std::string before = schema(db.db());
  const std::string side = db.path() + ".search-build";

  // A failure at the end of the load leaves the database as it was.
  app::SeedOptions failing = options(db, 1500, 1);
  failing.bulk_index = [real = failing.bulk_index](
                           store::Executor& ex) -> Result<std::unique_ptr<store::SearchBulkIndex>> {
    auto opened = TRY(real(ex));
    EXPECT_TRUE(opened) << "an empty index is built beside the load";
    return std::unique_ptr<store::SearchBulkIndex>(
        std::make_unique<FailingInstall>(std::move(opened)));
  };
  auto failed = app::seed_database(services, failing, {});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "the disk filled up");
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM tickets"), 0);
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM organisations"), 0);
  EXPECT_EQ(schema(db.db()), before);
  EXPECT_FALSE(std::filesystem::exists(side));

  std::int64_t progress = 0;
  auto seeded =
      app::seed_database(services, options(db, 3000, 2), [&](std::int64_t n) { progress = n; });
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  EXPECT_EQ(seeded->tickets, 3000);
  EXPECT_EQ(progress, 3000);
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM tickets"), 3000);
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM search_documents"), 3000);
  EXPECT_EQ(schema(db.db()), before) << "every index and trigger is back";
  EXPECT_FALSE(std::filesystem::exists(side));
  const Status checked = check_index(db.db());
  EXPECT_TRUE(checked.ok()) << checked.error().message;
  for (const char* word : {"宕机", "打印", "screen", "网络"}) {
    const auto expected =
        static_cast<std::size_t>(std::min<std::int64_t>(like(db.db(), word), 100));
    EXPECT_GT(expected, 0u) << word;
    EXPECT_EQ(hits(db.db(), word), expected) << word;
  }

  // Later writes are indexed as usual, each commit in a small segment of its own that FTS5
  // merges with the other small ones. The seeded segment is left alone: merged with them, it
  // would be rewritten whole inside a request (at 1,000,000 tickets, 380 MB).
  const std::string seeded_segment =
      "SELECT COUNT(*) FROM ticket_search_idx WHERE segid = (SELECT MIN(segid) FROM "
      "ticket_search_idx)";
  const std::int64_t seeded_terms = count(db.db(), seeded_segment);
  ASSERT_GT(seeded_terms, 100);
  for (int i = 0; i < 40; ++i) {
    const Status created = db.db().write([&](store::Executor& ex) -> Status {
      app::NewTicket in;
      in.kind = "incident";
      in.title = i == 0 ? "冷却塔漏水 tower" : "后续工单 " + std::to_string(i);
      in.description = "after the seed";
      in.organisation_id = TRY(ex.query_one("SELECT MIN(id) FROM organisations"))->i64(0);
      TRY_VOID(app::create_ticket(ex, app::Actor::system(), clock.now(), in));
      return {};
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
  }
  EXPECT_EQ(hits(db.db(), "漏水"), 1u);
  EXPECT_EQ(hits(db.db(), "tower"), 1u);
  EXPECT_EQ(hits(db.db(), "后续工单"), 39u);
  EXPECT_EQ(count(db.db(), seeded_segment), seeded_terms);

  // A second, smaller seed into the filled database: the ordinary path.
  seeded = app::seed_database(services, options(db, 500, 3), {});
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM tickets"), 3540);
  EXPECT_EQ(count(db.db(), "SELECT COUNT(*) FROM search_documents"), 3540);
  EXPECT_EQ(count(db.db(), "SELECT COUNT(DISTINCT number) FROM tickets"), 3540);
  EXPECT_EQ(schema(db.db()), before);
  const Status again = check_index(db.db());
  EXPECT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(hits(db.db(), "tower"), 1u);
  const auto expected =
      static_cast<std::size_t>(std::min<std::int64_t>(like(db.db(), "宕机"), 100));
  EXPECT_EQ(hits(db.db(), "宕机"), expected);
}

// An agent whose groups hold few of a common word's matches: their tickets are asked about
// instead of every match being walked. The result is the same: the most recent matches in reach
// (the agent's groups, or raised by the agent), each once, nothing out of reach.
TEST(Seed, AnAgentsSearchOfACommonWordFindsTheNewestMatchesInTheirGroups) {
  TestDatabase db;
  testing::FakeClock clock(Instant::from_unix(1780000000));
  app::Services services{db.db(), clock, {}};
  // "the" is in about half of the seeded descriptions: well over 5,000 matches.
  auto seeded = app::seed_database(services, options(db, 12000, 4), {});
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  const std::int64_t group = count(db.db(), "SELECT MIN(id) FROM groups");
  ASSERT_GE(count(db.db(), "SELECT COUNT(*) FROM ticket_search WHERE ticket_search MATCH 'the'"),
            5000);

  app::Actor agent;
  agent.principal.user_id = 999999;
  agent.principal.role = "agent";
  agent.principal.group_ids = {group};
  agent.principal.grants = {{"ticket.read", access::Scope::group},
                            {"ticket.note", access::Scope::group}};
  for (const std::optional<std::string>& kind :
       {std::optional<std::string>(), std::optional<std::string>("incident")}) {
    const std::string in_reach =
        "SELECT t.id FROM tickets t WHERE t.group_id = " + std::to_string(group) +
        (kind ? " AND t.kind = '" + *kind + "'" : "") +
        " AND t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH 'the')";
    const std::int64_t expected =
        std::min<std::int64_t>(count(db.db(), "SELECT COUNT(*) FROM (" + in_reach + ")"), 2000);
    ASSERT_GT(expected, 100);
    std::set<std::int64_t> seen;
    std::string cursor;
    for (;;) {
      app::SearchPage page;
      const Status read = db.db().read([&](store::Executor& ex) -> Status {
        app::SearchRequest r;
        r.query = "the";
        r.kind = kind;
        r.limit = 100;
        r.cursor = cursor;
        page = TRY(app::search_tickets(ex, agent, r));
        return {};
      });
      ASSERT_TRUE(read.ok()) << read.error().message;
      for (const auto& hit : page.items)
        EXPECT_TRUE(seen.insert(hit.id).second) << "ticket " << hit.id << " twice";
      if (!page.next_cursor) break;
      cursor = *page.next_cursor;
    }
    EXPECT_EQ(static_cast<std::int64_t>(seen.size()), expected);
    // Exactly the newest matches in reach.
    std::set<std::int64_t> newest;
    ASSERT_TRUE(db.db()
                    .read([&](store::Executor& ex) -> Status {
                      for (const auto& r :
                           TRY(ex.query(in_reach + " ORDER BY t.id DESC LIMIT 2000"))) {
                        newest.insert(r.i64(0));
                      }
                      return {};
                    })
                    .ok());
    EXPECT_TRUE(seen == newest);
  }
}

}  // namespace
}  // namespace fuwu
