// SLA clocks on tickets, driven through time with a fake clock: warnings and the breach fire as
// durable jobs at their exact instants, once, also across a restart; a pause moves them; a
// threshold that no longer stands is not announced.
#include <gtest/gtest.h>

#include "app/calendar/calendars.h"
#include "app/organisations/organisation.h"
#include "app/platform/outbox.h"
#include "app/sla/policies.h"
#include "app/sla/sla_json.h"
#include "app/tickets/sla_clocks.h"
#include "app/tickets/ticket.h"
#include "integration/test_database.h"
#include "jobs/runner.h"

namespace fuwu {
namespace {

using testing::FakeClock;
using testing::TestDatabase;

Instant at(const char* text) {
  return *parse_rfc3339(text);
}

// Every sla.* event so far, as "type@instant".
std::vector<std::string> sla_events(store::Database& db) {
  std::vector<std::string> out;
  EXPECT_TRUE(
      db.read([&](store::Executor& ex) -> Status {
          auto rows = TRY(ex.query(
              "SELECT event_type, payload FROM outbox WHERE event_type LIKE 'sla.%' ORDER BY id"));
          for (const auto& r : rows) {
            const auto& payload = r.text(1);
            const auto p = payload.find("\"at\":\"");
            out.push_back(r.text(0) + "@" + payload.substr(p + 6, 20));
          }
          return {};
        }).ok());
  return out;
}

class TicketSla : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto actor = app::Actor::system();
    auto book = sla::parse_policies_json(R"({"policies": [{
      "id": "standard", "pause_states": ["pending_customer"],
      "targets": [{"kind": "resolution", "calendar": "china-mainland", "working_hours": 2}]}]})");
    ASSERT_TRUE(book.ok()) << book.error().message;
    const Status setup = db_.db().write([&](store::Executor& ex) -> Status {
      TRY_VOID(app::create_policy(ex, actor, clock_.now(), book->policies()[0], std::nullopt));
      org_ =
          TRY(app::create_organisation(ex, actor, clock_.now(), {"客户", "customer", "", "", ""}))
              .id;
      auto agent =
          TRY(ex.query("INSERT INTO users (login, role, created_at, updated_at) VALUES "
                       "('agent', 'agent', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') "
                       "RETURNING id"));
      agent_ = agent.at(0).i64(0);
      return {};
    });
    ASSERT_TRUE(setup.ok()) << setup.error().message;
  }

  std::int64_t create_ticket() {
    std::int64_t id = 0;
    EXPECT_TRUE(db_.db()
                    .write([&](store::Executor& ex) -> Status {
                      app::NewTicket in;
                      in.kind = "incident";
                      in.title = "服务器宕机";
                      in.organisation_id = org_;
                      id = TRY(app::create_ticket(ex, app::Actor::system(), clock_.now(), in)).id;
                      return {};
                    })
                    .ok());
    return id;
  }

  void fire(const char* transition, std::int64_t id) {
    ASSERT_TRUE(db_.db()
                    .write([&](store::Executor& ex) -> Status {
                      auto t = TRY(app::find_ticket(ex, id));
                      app::TransitionRequest r;
                      r.transition = transition;
                      r.assignee_id = agent_;
                      TRY_VOID(app::transition_ticket(ex, app::Actor::system(), clock_.now(), id,
                                                      t->version, r));
                      return {};
                    })
                    .ok());
  }

  // The cached earliest deadline of a running clock.
  std::optional<Instant> due_of(std::int64_t id) {
    std::optional<Instant> due;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto row =
                          TRY(ex.query_one("SELECT sla_due_at FROM tickets WHERE id = $1", {id}));
                      if (row && !row->is_null(0)) due = parse_rfc3339(row->text(0));
                      return {};
                    })
                    .ok());
    return due;
  }

  int run(Instant now) {
    clock_.set(now);
    app::Services s{db_.db(), clock_, {}};
    jobs::Runner runner(s, "test");
    runner.register_handler(std::string(app::kSlaThresholdJob), app::run_sla_threshold_job);
    return runner.run_once(now).value_or(-1);
  }

  TestDatabase db_;
  FakeClock clock_{at("2026-03-02T09:00:00+08:00")};  // a Monday
  std::int64_t org_ = 0;
  std::int64_t agent_ = 0;
};

TEST_F(TicketSla, WarningsAndBreachFireOnceAtTheirInstants) {
  const auto id = create_ticket();
  const std::optional<Instant> due = due_of(id);
  ASSERT_TRUE(due);
  EXPECT_EQ(*due, at("2026-03-02T11:00:00+08:00"));

  EXPECT_EQ(run(at("2026-03-02T10:29:59+08:00")), 0);
  EXPECT_TRUE(sla_events(db_.db()).empty());
  EXPECT_EQ(run(at("2026-03-02T10:30:00+08:00")), 1);  // 75 %
  EXPECT_EQ(sla_events(db_.db()), std::vector<std::string>{"sla.warning@2026-03-02T02:30:00Z"});
  EXPECT_EQ(run(at("2026-03-02T10:30:00+08:00")), 0);  // nothing twice
  EXPECT_EQ(run(at("2026-03-02T11:00:00+08:00")), 2);  // 90 % and the breach
  EXPECT_EQ(sla_events(db_.db()), (std::vector<std::string>{"sla.warning@2026-03-02T02:30:00Z",
                                                            "sla.warning@2026-03-02T02:48:00Z",
                                                            "sla.breach@2026-03-02T03:00:00Z"}));
}

TEST_F(TicketSla, OneJobAtATimeAndClocksSharingAnInstantAreAllAnnounced) {
  // A ticket with its own policy (as a work order has): two clocks with the same target, so
  // every threshold instant is shared by both.
  std::int64_t id = 0;
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) -> Status {
                    app::NewTicket in;
                    in.kind = "incident";
                    in.title = "打印机卡纸";
                    in.organisation_id = org_;
                    in.sla_policy_json = R"({"policies": [{"id": "own", "targets": [
                      {"kind": "first_response", "calendar": "china-mainland", "working_hours": 2},
                      {"kind": "resolution", "calendar": "china-mainland", "working_hours": 2}]}]})";
                    id = TRY(app::create_ticket(ex, app::Actor::system(), clock_.now(), in)).id;
                    return {};
                  })
                  .ok());
  auto pending = [&] {
    std::int64_t n = -1;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto row = TRY(ex.query_one(
                          "SELECT COUNT(*) FROM jobs WHERE kind = 'sla.threshold' AND state = "
                          "'pending' AND payload LIKE $1",
                          {"%\"ticket_id\":" + std::to_string(id) + ",%"}));
                      n = row->i64(0);
                      return {};
                    })
                    .ok());
    return n;
  };
  EXPECT_EQ(pending(), 2);  // the two 75 % thresholds of 10:30, not all six
  EXPECT_EQ(run(at("2026-03-02T11:00:00+08:00")), 6);
  EXPECT_EQ(sla_events(db_.db()),
            (std::vector<std::string>{
                "sla.warning@2026-03-02T02:30:00Z", "sla.warning@2026-03-02T02:30:00Z",
                "sla.warning@2026-03-02T02:48:00Z", "sla.warning@2026-03-02T02:48:00Z",
                "sla.breach@2026-03-02T03:00:00Z", "sla.breach@2026-03-02T03:00:00Z"}));
  EXPECT_EQ(pending(), 0);
  EXPECT_EQ(run(at("2026-03-03T09:00:00+08:00")), 0);
}

TEST_F(TicketSla, APauseMovesTheThresholdsAcrossLunchAndStaleJobsAnnounceNothing) {
  const auto id = create_ticket();
  fire("start", id);                            // 09:00, in progress
  clock_.set(at("2026-03-02T10:40:00+08:00"));  // 100 working minutes counted
  fire("wait_for_customer", id);
  // Due: the 75 % of 10:30 fires and queues the next link of the chain, the 90 % of 10:48,
  // which no longer stands (the clock is paused) and so ends the chain: two jobs, one announced.
  EXPECT_EQ(run(at("2026-03-02T11:30:00+08:00")), 2);
  EXPECT_EQ(sla_events(db_.db()), std::vector<std::string>{"sla.warning@2026-03-02T02:30:00Z"});
  // Resumed at 11:40: 8 more minutes to 90 %, 20 to the breach, which lands exactly on the
  // 12:00 end of the morning segment (it stays 12:00, not 13:00).
  clock_.set(at("2026-03-02T11:40:00+08:00"));
  fire("start", id);
  EXPECT_EQ(run(at("2026-03-02T11:47:59+08:00")), 0);
  EXPECT_EQ(run(at("2026-03-02T12:00:00+08:00")), 2);
  EXPECT_EQ(sla_events(db_.db()), (std::vector<std::string>{"sla.warning@2026-03-02T02:30:00Z",
                                                            "sla.warning@2026-03-02T03:48:00Z",
                                                            "sla.breach@2026-03-02T04:00:00Z"}));
  // A later run (another node, a restart) announces nothing again.
  EXPECT_EQ(run(at("2026-03-03T09:00:00+08:00")), 0);
  EXPECT_EQ(sla_events(db_.db()).size(), 3u);
}

TEST_F(TicketSla, ResolvingStopsTheClock) {
  const auto id = create_ticket();
  fire("start", id);
  clock_.set(at("2026-03-02T10:00:00+08:00"));
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) -> Status {
                    auto t = TRY(app::find_ticket(ex, id));
                    app::TransitionRequest r;
                    r.transition = "resolve";
                    r.resolution = "重启后恢复";
                    TRY_VOID(app::transition_ticket(ex, app::Actor::system(), clock_.now(), id,
                                                    t->version, r));
                    return {};
                  })
                  .ok());
  // Only the first threshold was queued (the chain); it no longer stands and ends the chain.
  EXPECT_EQ(run(at("2026-03-02T18:00:00+08:00")), 1);
  EXPECT_TRUE(sla_events(db_.db()).empty());
  const std::optional<Instant> due = due_of(id);
  EXPECT_FALSE(due);
}

}  // namespace
}  // namespace fuwu

namespace fuwu {
namespace {

TEST_F(TicketSla, ACalendarEditRecomputesOpenClocksAndSaysSo) {
  const auto id = create_ticket();  // Monday 09:00, due 11:00
  ASSERT_EQ(due_of(id), at("2026-03-02T11:00:00+08:00"));
  // The office opens at 10:00 that day: the deadline moves to 12:00.
  const Status edited = db_.db().write([&](store::Executor& ex) -> Status {
    auto cal = TRY(app::get_calendar(ex, app::Actor::system(), "china-mainland"));
    app::CalendarPatch patch;
    auto special = cal.spec.special_days;
    special.push_back({Date{2026, 3, 2}, "晚开门", {{TimeOfDay::hm(10, 0), TimeOfDay::hm(18, 0)}}});
    patch.special_days = special;
    TRY_VOID(app::update_calendar(ex, app::Actor::system(), clock_.now(), "china-mainland",
                                  cal.version, patch));
    return {};
  });
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  app::Services s{db_.db(), clock_, {}};
  jobs::Runner runner(s, "test");
  runner.register_handler(std::string(app::kCalendarEditedJob), app::run_calendar_edited_job);
  runner.register_handler(std::string(app::kSlaThresholdJob), app::run_sla_threshold_job);
  ASSERT_EQ(*runner.run_once(clock_.now()), 1);
  EXPECT_EQ(due_of(id), at("2026-03-02T12:00:00+08:00"));
  // The stale job of 10:30 announces nothing and queues the new 75 %, which fires at 11:30.
  EXPECT_EQ(run(at("2026-03-02T11:29:59+08:00")), 1);
  EXPECT_TRUE(sla_events(db_.db()).empty());
  EXPECT_EQ(run(at("2026-03-02T11:30:00+08:00")), 1);
  EXPECT_EQ(sla_events(db_.db()), std::vector<std::string>{"sla.warning@2026-03-02T03:30:00Z"});
  // The explanation names the edit.
  std::string explanation;
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    auto c = TRY(app::compute_ticket_clocks(ex, id, clock_.now()));
                    for (const auto& step : c.clocks.at(0).explanation) {
                      explanation += std::string(sla::clock_step_slug(step.kind)) + ";";
                    }
                    return {};
                  })
                  .ok());
  EXPECT_NE(explanation.find("calendar_edited"), std::string::npos) << explanation;
}

}  // namespace
}  // namespace fuwu

namespace fuwu {
namespace {

TEST(TicketSlaEscalation, EscalationsRaiseThePriorityAndReassignAtTheirInstants) {
  TestDatabase db;
  FakeClock clock(at("2026-03-02T09:00:00+08:00"));
  const auto actor = app::Actor::system();
  auto book = sla::parse_policies_json(R"({"policies": [{
      "id": "escalating",
      "targets": [{"kind": "resolution", "calendar": "china-mainland", "working_hours": 2,
                   "escalations": [{"at_percent": 50, "action": "raise_priority"},
                                   {"at_percent": 100, "action": "reassign", "group": "二线"}]}]}]})");
  ASSERT_TRUE(book.ok()) << book.error().message;
  std::int64_t id = 0, line2 = 0;
  const Status setup = db.db().write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::create_policy(ex, actor, clock.now(), book->policies()[0], std::nullopt));
    const auto org =
        TRY(app::create_organisation(ex, actor, clock.now(), {"客户", "customer", "", "", ""})).id;
    line2 = TRY(ex.query("INSERT INTO groups (name, line, created_at, updated_at) VALUES ('二线', "
                         "2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id"))
                .at(0)
                .i64(0);
    app::NewTicket in;
    in.kind = "incident";
    in.title = "网络中断";
    in.organisation_id = org;
    id = TRY(app::create_ticket(ex, actor, clock.now(), in)).id;
    return {};
  });
  ASSERT_TRUE(setup.ok()) << setup.error().message;
  app::Services s{db.db(), clock, {}};
  auto run = [&](const char* when) {
    clock.set(at(when));
    jobs::Runner runner(s, "test");
    runner.register_handler(std::string(app::kSlaThresholdJob), app::run_sla_threshold_job);
    return runner.run_once(clock.now()).value_or(-1);
  };
  auto ticket = [&] {
    app::Ticket t;
    EXPECT_TRUE(db.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto found = TRY(app::find_ticket(ex, id));
                      if (found) t = *found;
                      return {};
                    })
                    .ok());
    return t;
  };
  EXPECT_EQ(ticket().priority, 4);
  EXPECT_GE(run("2026-03-02T10:00:00+08:00"), 1);  // 50 %
  EXPECT_EQ(ticket().priority, 3);
  EXPECT_EQ(ticket().group_id, 0);
  EXPECT_GE(run("2026-03-02T11:00:00+08:00"), 1);  // the breach
  EXPECT_EQ(ticket().group_id, line2);
  EXPECT_EQ(run("2026-03-02T12:00:00+08:00"), 0);  // done once
  EXPECT_EQ(ticket().priority, 3);
}

}  // namespace
}  // namespace fuwu
