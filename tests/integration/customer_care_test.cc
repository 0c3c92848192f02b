// Customer care (issue 9) through the real use cases on a migrated SQLite database: a low survey
// score opens a follow-up linked to the response, and automatic follow-ups are assigned to the
// customer's care owner or round-robin in the follow-up group, skipping absent members.
#include <gtest/gtest.h>

#include "app/complaints/complaint.h"
#include "app/customers/customer_archive.h"
#include "app/follow_ups/follow_up.h"
#include "app/surveys/survey.h"
#include "integration/test_database.h"

namespace fuwu::app {
namespace {

using fuwu::testing::TestDatabase;

Instant at(const char* text) {
  return *parse_rfc3339(text);
}

constexpr std::int64_t kWang = 60;   // in the follow-up group
constexpr std::int64_t kZhao = 61;   // in the follow-up group
constexpr std::int64_t kOwner = 62;  // the customer's care owner
constexpr std::int64_t kAlice = 70;  // a person of the customer

class CustomerCare : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
      const std::string ts = format_rfc3339(t0_);
      TRY_VOID(
          ex.exec("INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, "
                  "'德阳农机合作社', 'customer', $1, $1)",
                  {ts}));
      TRY_VOID(ex.exec(
          "INSERT INTO users (id, login, display_name, role, organisation_id, created_at, "
          "updated_at) VALUES (60, 'wang', '王', 'agent', NULL, $1, $1), (61, 'zhao', '赵', "
          "'agent', NULL, $1, $1), (62, 'owner', '周', 'agent', NULL, $1, $1), (70, 'alice', "
          "'Alice', 'customer', 1, $1, $1)",
          {ts}));
      TRY_VOID(ex.exec(
          "INSERT INTO groups (id, name, created_at, updated_at) VALUES (1, '回访组', $1, $1)",
          {ts}));
      TRY_VOID(ex.exec("INSERT INTO group_members (group_id, user_id) VALUES (1, 60), (1, 61)"));
      auto settings = TRY(load_crm_settings(ex));
      settings.follow_up_group_id = 1;
      TRY(set_crm_settings(ex, system_, t0_, settings.version, settings));
      return {};
    }));
  }

  Status write(const std::function<Status(store::Executor&)>& f) { return db_.db().write(f); }

  Status sql(const char* text) {
    return write([&](store::Executor& ex) -> Status {
      TRY_VOID(ex.exec(text));
      return {};
    });
  }

  // A key-customer visit (an automatic follow-up) of organisation 1; returns its assignee.
  std::int64_t visit(const std::string& key) {
    std::int64_t assignee = -1;
    auto st = write([&](store::Executor& ex) -> Status {
      const auto settings = TRY(load_crm_settings(ex));
      NewFollowUp in;
      in.organisation_id = 1;
      const auto id = TRY(insert_follow_up(ex, system_, t0_, settings, in, "schedule", key));
      const auto f = TRY(find_follow_up(ex, id));
      if (f) assignee = f->assignee_id;
      return {};
    });
    EXPECT_TRUE(st.ok()) << st.error().message;
    return assignee;
  }

  TestDatabase db_;
  Actor system_ = Actor::system();
  const Instant t0_ = at("2026-10-12T02:00:00Z");  // Monday 10:00 China time
};

TEST_F(CustomerCare, ALowSurveyScoreOpensOneFollowUpLinkedToTheResponse) {
  std::int64_t response_id = 0;
  ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
    NewSurveyTemplate t;
    t.code = "care";
    t.name_zh = "回访问卷";
    t.name_en = "Care survey";
    survey::Question q;
    q.key = "overall";
    q.text_zh = "总体评价";
    q.text_en = "Overall";
    q.weight_bp = 10000;
    q.scale_min = 1;
    q.scale_max = 4;
    t.questions = {q};
    const auto tpl = TRY(create_survey_template(ex, system_, t0_, t));
    NewSurveyCampaign c;
    c.template_id = tpl.id;
    c.name_zh = "十月回访";
    c.name_en = "October";
    c.population.kind = "organisations";
    c.population.ids = {1};
    const auto campaign = TRY(create_survey_campaign(ex, system_, t0_, c));
    auto inv = TRY(
        ex.query_one("SELECT id FROM survey_invitations WHERE campaign_id = $1", {campaign.id}));
    SubmitSurveyResponse r;
    r.invitation_id = inv->i64(0);
    r.answers = {{"overall", 1, false, "服务太慢"}};  // 不满意: 0 %
    const auto response = TRY(submit_survey_response(ex, system_, t0_, campaign.id, r));
    EXPECT_TRUE(response.low_score);
    response_id = response.id;
    return {};
  }));
  // The planner's pass reads survey.low_score from the outbox and opens the follow-up at once.
  const Instant later = at("2026-10-12T02:05:00Z");
  for (int pass = 0; pass < 2; ++pass) {
    ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
                  TRY(plan_follow_ups(ex, later));
                  return {};
                }).ok());
  }
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    auto rows = TRY(ex.query(
                        "SELECT id FROM follow_ups WHERE survey_response_id = $1", {response_id}));
                    EXPECT_EQ(rows.size(), 1u);  // once, however often the planner runs
                    if (rows.empty()) return {};
                    const auto found = TRY(find_follow_up(ex, rows[0].i64(0)));
                    if (!found) return {};
                    const FollowUp& f = *found;
                    EXPECT_EQ(f.source, "survey");
                    EXPECT_EQ(f.survey_response_id, response_id);
                    EXPECT_EQ(f.organisation_id, 1);
                    EXPECT_EQ(f.state, "open");
                    EXPECT_EQ(f.assignee_id, kWang);  // first of the follow-up group
                    // Due 2 working days later (china-mainland): Wednesday 14 October, 18:00.
                    EXPECT_EQ(format_rfc3339(f.due_at), "2026-10-14T10:00:00Z");
                    return {};
                  })
                  .ok());
}

TEST_F(CustomerCare, AutomaticFollowUpsGoToTheCareOwnerElseRoundRobinSkippingTheAbsent) {
  EXPECT_EQ(visit("v1"), kWang);
  EXPECT_EQ(visit("v2"), kZhao);
  EXPECT_EQ(visit("v3"), kWang);
  // Zhao is absent: skipped.
  ASSERT_TRUE(sql("UPDATE users SET available = 0 WHERE id = 61").ok());
  EXPECT_EQ(visit("v4"), kWang);
  // The customer's care owner takes them all while able to take work.
  ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
                CustomerCarePatch p;
                p.care_owner_id = kOwner;
                TRY(set_customer_care(ex, system_, t0_, 1, 0, p));
                // A customer's own person cannot be the care owner.
                CustomerCarePatch bad;
                bad.care_owner_id = kAlice;
                auto refused = set_customer_care(ex, system_, t0_, 1, 1, bad);
                EXPECT_FALSE(refused.ok());
                if (!refused.ok()) {
                  EXPECT_EQ(refused.error().fields.at(0).field, "care_owner_id");
                }
                return {};
              }).ok());
  EXPECT_EQ(visit("v5"), kOwner);
  ASSERT_TRUE(sql("UPDATE users SET disabled = 1 WHERE id = 62").ok());
  EXPECT_EQ(visit("v6"), kWang);
  // Nobody able to take work: left for the desk.
  ASSERT_TRUE(sql("UPDATE users SET available = 0 WHERE id = 60").ok());
  EXPECT_EQ(visit("v7"), 0);
  // By hand without an assignee stays unassigned.
  ASSERT_TRUE(sql("UPDATE users SET available = 1 WHERE id IN (60, 61)").ok());
  ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
                const auto f = TRY(create_follow_up(ex, system_, t0_, {.organisation_id = 1}));
                EXPECT_EQ(f.assignee_id, 0);
                return {};
              }).ok());
}

// Seed 004 §5.1.18 note 3: received Monday 12 October at 10:00 (China time), the solution is due
// by 10:00 on Tuesday (7 working hours on Monday, 1 on Tuesday), warned at 17:00 on Monday.
TEST_F(CustomerCare, AComplaintsEightHourLimitIsWarnedAndAnnouncedOnceWhenMissed) {
  std::int64_t id = 0;
  ASSERT_TRUE(write([&](store::Executor& ex) -> Status {
                NewComplaint in;
                in.channel = "call";
                in.organisation_id = 1;
                in.about = "attitude";
                in.description = "工程师态度差";
                id = TRY(create_complaint(ex, system_, t0_, in)).ticket.id;
                return {};
              }).ok());
  fuwu::testing::FakeClock clock(t0_);
  Services services{db_.db(), clock, {}};
  auto run = [&](const char* when, int percent) {
    clock.set(at(when));
    Job job;
    job.kind = std::string(kComplaintLimitJob);
    job.payload = "{\"ticket_id\":" + std::to_string(id) +
                  ",\"limit\":\"inform\",\"percent\":" + std::to_string(percent) + "}";
    auto st = run_complaint_limit_job(services, job);
    EXPECT_TRUE(st.ok()) << st.error().message;
  };
  auto events = [&](const char* type) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_.db()
                    .read([&](store::Executor& ex) -> Status {
                      auto r = TRY(ex.query_one(
                          "SELECT COUNT(*) FROM outbox WHERE event_type = $1 AND record_id = $2",
                          {std::string(type), id}));
                      n = r->i64(0);
                      return {};
                    })
                    .ok());
    return n;
  };
  std::vector<std::string> scheduled;
  ASSERT_TRUE(db_.db()
                  .read([&](store::Executor& ex) -> Status {
                    auto rows = TRY(ex.query(
                        "SELECT run_at FROM jobs WHERE kind = 'complaint.limit' ORDER BY run_at"));
                    for (const auto& r : rows)
                      scheduled.push_back(r.text(0));
                    return {};
                  })
                  .ok());
  EXPECT_EQ(scheduled, (std::vector<std::string>{"2026-10-12T09:00:00Z", "2026-10-13T02:00:00Z"}));
  run("2026-10-12T09:00:00Z", 75);
  EXPECT_EQ(events("complaint.limit_warning"), 1);
  run("2026-10-13T02:00:01Z", 100);
  run("2026-10-13T02:00:05Z", 100);  // at least once: a second run announces nothing more
  EXPECT_EQ(events("complaint.limit_breached"), 1);
}

}  // namespace
}  // namespace fuwu::app
