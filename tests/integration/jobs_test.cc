// The durable job queue and runner, stepped through time with a fake clock on a real database.
#include <gtest/gtest.h>

#include "app/platform/job_queue.h"
#include "app/platform/outbox.h"
#include "integration/test_database.h"
#include "jobs/runner.h"

namespace fuwu {
namespace {

using testing::FakeClock;
using testing::TestDatabase;

const Instant kStart = *parse_rfc3339("2026-03-02T09:00:00+08:00");

Result<std::int64_t> enqueue(store::Database& db, app::NewJob job, Instant now) {
  std::int64_t id = 0;
  TRY_VOID(db.write([&](store::Executor& ex) -> Status {
    id = TRY(app::enqueue_job(ex, job, now));
    return {};
  }));
  return id;
}

TEST(Jobs, RunExactlyAtTheirInstantNotBefore) {
  TestDatabase t;
  FakeClock clock(kStart);
  app::Services s{t.db(), clock, {}};
  jobs::Runner runner(s, "test");
  std::vector<std::string> ran;
  runner.register_handler("remind", [&](app::Services&, const app::Job& j) -> Status {
    ran.push_back(j.payload);
    return {};
  });
  ASSERT_TRUE(
      enqueue(t.db(), {"remind", "{\"n\":1}", kStart + Duration::of_seconds(90)}, kStart).ok());
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_seconds(89)), 0);
  EXPECT_TRUE(ran.empty());
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_seconds(90)), 1);
  ASSERT_EQ(ran.size(), 1u);
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_hours(5)), 0);  // done jobs never run again
  EXPECT_EQ(ran.size(), 1u);
}

TEST(Jobs, FailuresBackOffExponentiallyThenGiveUp) {
  TestDatabase t;
  FakeClock clock(kStart);
  app::Services s{t.db(), clock, {}};
  jobs::Runner runner(s, "test");
  int attempts = 0;
  runner.register_handler("flaky", [&](app::Services&, const app::Job&) -> Status {
    ++attempts;
    return Error(ErrorCode::unavailable, "mail server down");
  });
  const auto id = *enqueue(t.db(), {.kind = "flaky", .run_at = kStart, .max_attempts = 3}, kStart);
  EXPECT_EQ(*runner.run_once(kStart), 1);
  // 1st retry after 10 s, 2nd after 20 s.
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_seconds(9)), 0);
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_seconds(10)), 1);
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_seconds(29)), 0);
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_seconds(30)), 1);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(*runner.run_once(kStart + Duration::of_hours(2)), 0);
  std::string state, error;
  ASSERT_TRUE(t.db()
                  .read([&](store::Executor& ex) -> Status {
                    auto row =
                        TRY(ex.query_one("SELECT state, last_error FROM jobs WHERE id = $1", {id}));
                    state = row->text(0);
                    error = row->text(1);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(state, "failed");
  EXPECT_EQ(error, "mail server down");
  EXPECT_EQ(app::job_backoff(1).seconds, 10);
  EXPECT_EQ(app::job_backoff(30).seconds, 3600);
}

TEST(Jobs, ALockKeyMakesAJobSingleFlight) {
  TestDatabase t;
  FakeClock clock(kStart);
  const auto a = *enqueue(t.db(), {"sla", "{}", kStart, "sla:ticket:7"}, kStart);
  const auto b = *enqueue(t.db(), {"sla", "{}", kStart, "sla:ticket:7"}, kStart);
  const auto c = *enqueue(t.db(), {"sla", "{}", kStart, "sla:ticket:8"}, kStart);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(*app::pending_job_count(t.db()), 2);
  // Once done, the key is free again.
  app::Services s{t.db(), clock, {}};
  jobs::Runner runner(s, "test");
  runner.register_handler("sla", [](app::Services&, const app::Job&) -> Status { return {}; });
  EXPECT_EQ(*runner.run_once(kStart), 2);
  EXPECT_NE(*enqueue(t.db(), {"sla", "{}", kStart, "sla:ticket:7"}, kStart), a);
}

TEST(Jobs, AJobWhoseWorkerDiedRunsAgainAfterItsLease) {
  TestDatabase t;
  const auto id = *enqueue(t.db(), {"work", "{}", kStart}, kStart);
  // A worker claims it and dies (never completes).
  auto claimed = app::claim_due_jobs(t.db(), kStart, "dead-worker", 10, Duration::of_minutes(5));
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_TRUE(app::claim_due_jobs(t.db(), kStart + Duration::of_minutes(4), "other", 10,
                                  Duration::of_minutes(5))
                  ->empty());
  auto again = app::claim_due_jobs(t.db(), kStart + Duration::of_minutes(5), "other", 10,
                                   Duration::of_minutes(5));
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().id, id);
  EXPECT_EQ(again->front().attempts, 2);
}

TEST(Jobs, NextDueIsTheEarliestPendingJob) {
  TestDatabase t;
  EXPECT_FALSE(app::next_job_due(t.db())->has_value());
  (void)enqueue(t.db(), {"a", "{}", kStart + Duration::of_hours(3)}, kStart);
  (void)enqueue(t.db(), {"a", "{}", kStart + Duration::of_hours(1)}, kStart);
  EXPECT_EQ(**app::next_job_due(t.db()), kStart + Duration::of_hours(1));
}

TEST(Outbox, EventsAreWrittenOnlyWithTheirChange) {
  TestDatabase t;
  const auto actor = app::Actor::system();
  // A unit that fails after emitting: its event must not exist.
  auto failed = t.db().write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::emit_event(ex, actor, kStart, "thing.created", "thing", 1));
    return Error(ErrorCode::validation_failed, "rolled back");
  });
  EXPECT_FALSE(failed.ok());
  ASSERT_TRUE(t.db()
                  .write([&](store::Executor& ex) -> Status {
                    return app::emit_event(ex, actor, kStart, "thing.created", "thing", 2,
                                           "{\"x\":1}");
                  })
                  .ok());
  std::vector<app::Event> events;
  ASSERT_TRUE(t.db()
                  .read([&](store::Executor& ex) -> Status {
                    events = TRY(app::read_events(ex, 0, 100));
                    return {};
                  })
                  .ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].record_id, 2);
  EXPECT_EQ(events[0].payload, "{\"x\":1}");
}

TEST(Outbox, ConsumerCursorsOnlyMoveForward) {
  TestDatabase t;
  ASSERT_TRUE(t.db()
                  .write([&](store::Executor& ex) -> Status {
                    TRY_VOID(app::advance_cursor(ex, "mailer", 10));
                    TRY_VOID(app::advance_cursor(ex, "mailer",
                                                 7));  // a stale consumer must not move it back
                    return {};
                  })
                  .ok());
  std::int64_t cursor = 0;
  ASSERT_TRUE(t.db()
                  .read([&](store::Executor& ex) -> Status {
                    cursor = TRY(app::consumer_cursor(ex, "mailer"));
                    return {};
                  })
                  .ok());
  EXPECT_EQ(cursor, 10);
}

}  // namespace
}  // namespace fuwu
