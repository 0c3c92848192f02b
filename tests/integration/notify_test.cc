// The notification dispatcher on a real SQLite database with a stepped clock: one delivery per
// (event, recipient, channel) even when the same events are read again, rules' conditions, the
// actor left out, internal notes kept from customers, and a failing e-mail delivery retried,
// logged and finally marked failed.
#include <gtest/gtest.h>

#include "app/notify/notify.h"
#include "app/organisations/organisation.h"
#include "app/tickets/ticket.h"
#include "app/tickets/watchers.h"
#include "integration/test_database.h"
#include "jobs/notifications.h"
#include "jobs/runner.h"

namespace fuwu {
namespace {

using testing::FakeClock;
using testing::TestDatabase;

class Notify : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto system = app::Actor::system();
    ASSERT_TRUE(db_.db()
                    .write([&](store::Executor& ex) -> Status {
                      org_ = TRY(app::create_organisation(ex, system, clock_.now(),
                                                          {"客户", "customer", "", "", ""}))
                                 .id;
                      auto add = [&](const char* login, const char* role, std::int64_t org,
                                     const char* lang) -> Result<std::int64_t> {
                        auto rows = TRY(ex.query(
                            "INSERT INTO users (login, role, organisation_id, email, language, "
                            "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
                            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
                            {std::string(login), std::string(role),
                             org ? store::Value(org) : store::Value(store::Null{}),
                             std::string(login) + "@example.com", std::string(lang)}));
                        return rows.at(0).i64(0);
                      };
                      customer_ = TRY(add("cust", "customer", org_, "en"));
                      agent_ = TRY(add("agent", "agent", 0, "zh-CN"));
                      const auto other =
                          TRY(app::create_organisation(ex, system, clock_.now(),
                                                       {"别的客户", "customer", "", "", ""}))
                              .id;
                      colleague_ = TRY(add("colleague", "customer", org_, "zh-CN"));
                      outsider_ = TRY(add("outsider", "customer", other, "en"));
                      return {};
                    })
                    .ok());
    settings_.dispatch.email_enabled = true;
    settings_.smtp = net::SmtpSettings{};
    settings_.smtp->port = 1;  // nothing listens: every send fails
    settings_.smtp->timeout_seconds = 5;
  }

  app::Actor as(std::int64_t user) {
    app::Actor a = app::Actor::system("session");
    a.principal = {};
    a.principal.user_id = user;
    const Status st = db_.db().read([&](store::Executor& ex) -> Status {
      auto u = TRY(ex.query_one(
          "SELECT login, role, COALESCE(organisation_id, 0) FROM users WHERE id = $1", {user}));
      a.principal.login = u->text(0);
      a.principal.role = u->text(1);
      a.principal.organisation_id = u->i64(2);
      auto rows = TRY(ex.query("SELECT permission, scope FROM role_grants WHERE role = $1",
                               {a.principal.role}));
      for (const auto& r : rows)
        a.principal.grants.push_back(
            {r.text(0), access::parse_scope(r.text(1)).value_or(access::Scope::own)});
      return {};
    });
    EXPECT_TRUE(st.ok());
    return a;
  }

  app::Ticket create(int impact) {
    app::Ticket t;
    EXPECT_TRUE(db_.db()
                    .write([&](store::Executor& ex) -> Status {
                      app::NewTicket in;
                      in.kind = "incident";
                      in.title = "打印机卡纸";
                      in.organisation_id = org_;
                      in.requester_id = customer_;
                      in.assignee_id = agent_;
                      in.impact = impact;
                      in.urgency = impact;
                      t = TRY(app::create_ticket(ex, app::Actor::system(), clock_.now(), in));
                      return {};
                    })
                    .ok());
    return t;
  }

  // "channel recipient event state" of every delivery of a record, in order.
  std::vector<std::string> deliveries(std::int64_t ticket) {
    std::vector<std::string> out;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto rows = TRY(
                          ex.query("SELECT channel, recipient, event_type, state, language FROM "
                                   "notification_deliveries WHERE record_id = $1 ORDER BY id",
                                   {ticket}));
                      for (const auto& r : rows)
                        out.push_back(r.text(0) + " " + r.text(1) + " " + r.text(2) + " " +
                                      r.text(3) + " " + r.text(4));
                      return {};
                    })
                    .ok());
    return out;
  }

  std::string user(std::int64_t id) { return "user:" + std::to_string(id); }

  // The runner sends delivery jobs with this fixture's settings.
  void send_deliveries_with(jobs::Runner& runner) {
    runner.register_handler(std::string(app::kDeliverJob),
                            [this](app::Services& s, const app::Job& job) {
                              return jobs::run_delivery_job(s, job, settings_);
                            });
  }

  // One value of one row (tests' shorthand).
  std::int64_t count(const std::string& sql, std::vector<store::Value> params) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto rows = TRY(ex.query(sql, std::span<const store::Value>(params)));
                      if (!rows.empty()) n = rows.front().i64(0);
                      return {};
                    })
                    .ok());
    return n;
  }

  // Runs `fn` in a write unit and returns its error code (nullopt on success).
  template <typename F>
  std::optional<ErrorCode> write_code(F fn) {
    const Status st = db_.db().write([&](store::Executor& ex) -> Status { return fn(ex); });
    return st.ok() ? std::nullopt : std::optional<ErrorCode>(st.error().code);
  }

  TestDatabase db_;
  FakeClock clock_{*parse_rfc3339("2026-11-23T02:00:00Z")};
  app::Services services_{db_.db(), clock_, {}};
  jobs::NotificationSettings settings_;
  std::int64_t org_ = 0, customer_ = 0, agent_ = 0, colleague_ = 0, outsider_ = 0;
};

TEST_F(Notify, OneDeliveryPerEventRecipientAndChannelEvenWhenReadAgain) {
  jobs::NotificationPump pump(services_, settings_, nullptr);
  const auto t = create(3);
  auto first = pump.run_once();
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto log = deliveries(t.id);
  // The requester (English) is told of the new record; the assignee of the assignment.
  EXPECT_EQ(log,
            (std::vector<std::string>{"in_app " + user(customer_) + " ticket.created sent en",
                                      "email " + user(customer_) + " ticket.created pending en",
                                      "in_app " + user(agent_) + " ticket.assigned sent zh-CN",
                                      "email " + user(agent_) + " ticket.assigned pending zh-CN"}));
  EXPECT_EQ(first->jobs, 2);
  // Rewind the cursor: the same events again change nothing.
  ASSERT_TRUE(db_.db()
                  .write([](store::Executor& ex) -> Status {
                    TRY(ex.exec("UPDATE outbox_cursors SET last_id = 0"));
                    return {};
                  })
                  .ok());
  auto again = pump.run_once();
  ASSERT_TRUE(again.ok());
  EXPECT_GT(again->events, 0);
  EXPECT_EQ(again->deliveries, 0);
  EXPECT_EQ(again->jobs, 0);
  EXPECT_EQ(deliveries(t.id), log);
}

TEST_F(Notify, ConditionsActorAndInternalNotes) {
  jobs::NotificationPump pump(services_, settings_, nullptr);
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) -> Status {
                    const auto admin = app::Actor::system();
                    app::RuleInput p1;
                    p1.name = "P1";
                    p1.event_type = "ticket.created";
                    p1.conditions = R"({"priority": [1]})";
                    p1.recipients = std::vector<std::string>{"address:oncall@example.com"};
                    p1.channels = std::vector<std::string>{"email"};
                    TRY(app::create_rule(ex, admin, clock_.now(), p1));
                    app::RuleInput notes;
                    notes.name = "notes";
                    notes.event_type = "ticket.note_added";
                    notes.recipients = std::vector<std::string>{"requester", "assignee"};
                    notes.channels = std::vector<std::string>{"in_app"};
                    TRY(app::create_rule(ex, admin, clock_.now(), notes));
                    return {};
                  })
                  .ok());
  const auto low = create(3);
  const auto high = create(1);
  ASSERT_TRUE(pump.run_once().ok());
  auto has = [](const std::vector<std::string>& log, const std::string& what) {
    return std::any_of(log.begin(), log.end(),
                       [&](const std::string& l) { return l.find(what) != std::string::npos; });
  };
  EXPECT_FALSE(has(deliveries(low.id), "address:oncall@example.com"));
  EXPECT_TRUE(has(deliveries(high.id), "email address:oncall@example.com ticket.created pending"));

  // An internal note by the agent: the customer may not see it and the agent, who wrote it, is
  // left out, so nobody is told.
  const app::Actor agent = as(agent_);
  ASSERT_TRUE(
      db_.db()
          .write([&](store::Executor& ex) -> Status {
            TRY(app::add_journal_entry(ex, agent, clock_.now(), low.id, "internal", "内部备注"));
            return {};
          })
          .ok());
  ASSERT_TRUE(pump.run_once().ok());
  EXPECT_FALSE(has(deliveries(low.id), "ticket.note_added"));
}

TEST_F(Notify, FailedEmailIsRetriedLoggedAndFinallyFailed) {
  jobs::NotificationPump pump(services_, settings_, nullptr);
  jobs::Runner runner(services_, "test");
  send_deliveries_with(runner);
  const auto t = create(3);
  ASSERT_TRUE(pump.run_once().ok());
  ASSERT_TRUE(runner.run_once(clock_.now()).ok());
  std::string state, error;
  std::int64_t attempts = 0;
  auto read = [&] {
    ASSERT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto row = TRY(ex.query_one(
                          "SELECT state, attempts, last_error FROM notification_deliveries "
                          "WHERE record_id = $1 AND channel = 'email' AND recipient = $2",
                          {t.id, user(customer_)}));
                      state = row->text(0);
                      attempts = row->i64(1);
                      error = row->text(2);
                      return {};
                    })
                    .ok());
  };
  read();
  EXPECT_EQ(state, "pending");
  EXPECT_EQ(attempts, 1);
  EXPECT_NE(error.find("SMTP"), std::string::npos) << error;
  // Backoff 10 s, 20 s, 40 s ...: step through all eight attempts.
  for (int i = 0; i < 12; ++i) {
    clock_.advance(Duration::of_hours(1));
    ASSERT_TRUE(runner.run_once(clock_.now()).ok());
  }
  read();
  EXPECT_EQ(state, "failed");
  EXPECT_EQ(attempts, 8);
}

TEST_F(Notify, WatchersAreManagedByAgentsOrThemselvesAndAreToldOfReplies) {
  jobs::NotificationPump pump(services_, settings_, nullptr);
  const auto t = create(3);
  ASSERT_TRUE(pump.run_once().ok());
  const app::Actor agent = as(agent_), cust = as(customer_), colleague = as(colleague_),
                   outsider = as(outsider_);
  const Instant now = clock_.now();
  auto add = [&](const app::Actor& a, std::int64_t who) {
    return write_code([&](store::Executor& ex) -> Status {
      TRY(app::add_ticket_watcher(ex, a, now, t.id, who));
      return {};
    });
  };
  auto remove = [&](const app::Actor& a, std::int64_t who) {
    return write_code(
        [&](store::Executor& ex) { return app::remove_ticket_watcher(ex, a, now, t.id, who); });
  };
  // An agent adds a customer of the record's organisation, never someone who may not read it.
  EXPECT_EQ(add(agent, colleague_), std::nullopt);
  EXPECT_EQ(add(agent, outsider_), ErrorCode::validation_failed);
  // A customer watches only themselves, and only records they can see.
  EXPECT_EQ(add(cust, agent_), ErrorCode::permission_denied);
  EXPECT_EQ(add(outsider, outsider_), ErrorCode::not_found);
  EXPECT_EQ(add(cust, customer_), std::nullopt);
  EXPECT_EQ(remove(cust, colleague_), ErrorCode::permission_denied);
  EXPECT_EQ(remove(cust, customer_), std::nullopt);
  EXPECT_EQ(remove(cust, customer_), ErrorCode::not_found);
  // Adding twice changes nothing.
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) -> Status {
                    const auto again =
                        TRY(app::add_ticket_watcher(ex, colleague, now, t.id, colleague_));
                    EXPECT_FALSE(again.changed);
                    const auto list = TRY(app::list_ticket_watchers(ex, cust, t.id));
                    EXPECT_EQ(list.size(), 1u);
                    EXPECT_EQ(list.at(0).user_id, colleague_);
                    EXPECT_EQ(list.at(0).added_by, agent_);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE record_type = 'ticket' AND "
                  "record_id = $1 AND action IN ('watcher_added', 'watcher_removed')",
                  {t.id}),
            3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE record_id = $1 AND event_type IN "
                  "('ticket.watcher_added', 'ticket.watcher_removed')",
                  {t.id}),
            3);

  // The shipped rule for public replies tells the watchers, in their language.
  auto reply = [&] {
    ASSERT_TRUE(
        db_.db()
            .write([&](store::Executor& ex) -> Status {
              TRY(app::add_journal_entry(ex, agent, clock_.now(), t.id, "public", "已更换硒鼓"));
              return {};
            })
            .ok());
    ASSERT_TRUE(pump.run_once().ok());
  };
  reply();
  const std::string told = "email " + user(colleague_) + " ticket.replied pending zh-CN";
  auto times_told = [&] {
    const auto log = deliveries(t.id);
    return std::count(log.begin(), log.end(), told);
  };
  EXPECT_EQ(times_told(), 1);
  // Unwatched: the next reply is not sent to them.
  EXPECT_EQ(remove(colleague, colleague_), std::nullopt);
  reply();
  EXPECT_EQ(times_told(), 1);
}

TEST_F(Notify, AFailedDeliveryIsSentAgainButASentOneNever) {
  jobs::NotificationPump pump(services_, settings_, nullptr);
  jobs::Runner runner(services_, "test");
  send_deliveries_with(runner);
  const auto t = create(3);
  ASSERT_TRUE(pump.run_once().ok());
  for (int i = 0; i < 12; ++i) {
    ASSERT_TRUE(runner.run_once(clock_.now()).ok());
    clock_.advance(Duration::of_hours(1));
  }
  const std::int64_t id = count(
      "SELECT id FROM notification_deliveries WHERE record_id = $1 AND channel = 'email' AND "
      "recipient = $2 AND state = 'failed'",
      {t.id, user(customer_)});
  ASSERT_GT(id, 0);
  const Instant now = clock_.now();
  auto retry = [&](const app::Actor& a) -> Result<app::Delivery> {
    Result<app::Delivery> out = Error(ErrorCode::internal, "not run");
    (void)db_.db().write([&](store::Executor& ex) -> Status {
      out = app::retry_delivery(ex, a, now, id);
      return out.ok() ? Status{} : Status(out.error());
    });
    return out;
  };
  EXPECT_EQ(retry(as(agent_)).error().code, ErrorCode::permission_denied);
  auto queued = retry(app::Actor::system());
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  EXPECT_EQ(queued->state, "pending");
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE lock_key = $1 AND state = 'pending'",
                  {"notify.deliver:" + std::to_string(id)}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_entries WHERE record_id = $1 AND action = "
                  "'delivery_retried'",
                  {t.id}),
            1);
  auto twice = retry(app::Actor::system());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_EQ(twice.error().fields.at(0).code, "already_queued");
  // Once it has been sent, it is never sent again.
  ASSERT_TRUE(db_.db()
                  .write([&](store::Executor& ex) {
                    return app::record_delivery_attempt(ex, id, now, true, "", false);
                  })
                  .ok());
  auto sent = retry(app::Actor::system());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().fields.at(0).code, "already_sent");
}

}  // namespace
}  // namespace fuwu
