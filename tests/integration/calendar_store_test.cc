// Calendars and SLA policies in the database: the seeded shipped calendars equal the built-in ones,
// the use cases write audit entries and outbox events, imports diff and apply, and a calendar in
// use by a policy cannot be deleted.
#include <gtest/gtest.h>

#include "app/calendar/calendars.h"
#include "app/calendar/shipped_calendars.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/sla/policies.h"
#include "integration/test_database.h"

namespace fuwu {
namespace {

using testing::TestDatabase;

const Instant kNow = *parse_rfc3339("2026-11-22T10:00:00+08:00");

template <typename F>
auto in_write(store::Database& db, F f) {
  std::optional<decltype(f(std::declval<store::Executor&>()))> out;
  auto st = db.write([&](store::Executor& ex) -> Status {
    out.emplace(f(ex));
    return {};
  });
  EXPECT_TRUE(st.ok());
  return std::move(*out);
}

void expect_same_spec(const calendar::CalendarSpec& a, const calendar::CalendarSpec& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name_zh, b.name_zh);
  EXPECT_EQ(a.name_en, b.name_en);
  EXPECT_EQ(a.zone, b.zone);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.weekly, b.weekly);
  EXPECT_EQ(a.holidays, b.holidays);
  EXPECT_EQ(a.makeup_days, b.makeup_days);
  EXPECT_EQ(a.special_days, b.special_days);
  EXPECT_EQ(a.first_year, b.first_year);
  EXPECT_EQ(a.last_year, b.last_year);
}

TEST(CalendarStore, MigrationSeedsTheShippedCalendarsAsEditableCopies) {
  TestDatabase t;
  auto all = in_write(t.db(), [](store::Executor& ex) { return app::all_calendars(ex); });
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  expect_same_spec((*all)[0].spec, calendar::china_mainland_spec());
  expect_same_spec((*all)[1].spec, calendar::always_working_spec());
  EXPECT_TRUE((*all)[0].shipped);
  EXPECT_EQ((*all)[0].version, 1);
  // Migrating again (every `fuwu serve --migrate`) seeds nothing twice and keeps edits.
  ASSERT_TRUE(in_write(t.db(), [](store::Executor& ex) {
                return ex.exec("UPDATE calendars SET name_en = 'Edited' WHERE slug = '24x7'");
              }).ok());
  ASSERT_TRUE(store::migrate(t.db(), store::sqlite::embedded_migrations(), kNow).ok());
  all = in_write(t.db(), [](store::Executor& ex) { return app::all_calendars(ex); });
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].spec.name_en, "Edited");
}

TEST(CalendarStore, DatabaseCalendarAnswersLikeTheShippedOne) {
  TestDatabase t;
  auto stored = in_write(
      t.db(), [](store::Executor& ex) { return app::find_calendar(ex, "china-mainland"); });
  ASSERT_TRUE(stored.ok() && stored->has_value());
  auto built = app::build_calendar((*stored)->spec);
  ASSERT_TRUE(built.ok());
  const calendar::Calendar* db_cal = built->get();
  auto book = calendar::shipped_calendars();
  ASSERT_TRUE(book.ok());
  const calendar::Calendar* shipped = book->find("china-mainland");
  const Instant start = *parse_rfc3339("2025-01-24T17:00:00+08:00");
  for (std::int64_t h : {1, 8, 20, 100, 1000}) {
    EXPECT_EQ(*db_cal->deadline(start, Duration::of_hours(h)),
              *shipped->deadline(start, Duration::of_hours(h)));
  }
  EXPECT_EQ(db_cal->format(*db_cal->deadline(start, Duration::of_hours(20))),
            "2025-02-05T12:00:00+08:00");
}

TEST(CalendarStore, EditsAreAuditedAnnouncedAndVersioned) {
  TestDatabase t;
  const auto admin = app::Actor::system("test");
  auto copy = in_write(t.db(), [&](store::Executor& ex) {
    return app::copy_calendar(ex, admin, kNow, "china-mainland", "shanghai", "上海", "Shanghai");
  });
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  EXPECT_FALSE(copy->shipped);
  EXPECT_EQ(copy->spec.holidays, calendar::china_mainland_spec().holidays);

  app::CalendarPatch patch;
  patch.special_days = std::vector<calendar::SpecialDay>{
      {Date{2026, 12, 31}, "年末半天", {{TimeOfDay::hm(9, 0), TimeOfDay::hm(12, 0)}}}};
  auto stale = in_write(t.db(), [&](store::Executor& ex) {
    return app::update_calendar(ex, admin, kNow, "shanghai", 7, patch);
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
  auto edited = in_write(t.db(), [&](store::Executor& ex) {
    return app::update_calendar(ex, admin, kNow, "shanghai", 1, patch);
  });
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(edited->spec.revision, 2);
  ASSERT_EQ(edited->spec.special_days.size(), 1u);
  EXPECT_EQ(edited->spec.special_days[0].segments.size(), 1u);

  auto audit = in_write(t.db(), [&](store::Executor& ex) {
    return app::read_audit(ex, "calendar", edited->row_id, 0, 10);
  });
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[1].action, "update");
  ASSERT_EQ((*audit)[1].changes.size(), 1u);
  EXPECT_EQ((*audit)[1].changes[0].field, "special_days");

  auto events = in_write(t.db(), [&](store::Executor& ex) { return app::read_events(ex, 0, 100); });
  ASSERT_TRUE(events.ok());
  ASSERT_GE(events->size(), 2u);
  EXPECT_EQ(events->back().type, "calendar.updated");
  EXPECT_NE(events->back().payload.find("\"revision\":2"), std::string::npos);
}

TEST(CalendarStore, BadSpecsAreRefusedWithFieldPointers) {
  TestDatabase t;
  const auto admin = app::Actor::system("test");
  app::CalendarPatch patch;
  std::array<std::vector<calendar::Segment>, 7> weekly;
  weekly[0] = {{TimeOfDay::hm(12, 0), TimeOfDay::hm(9, 0)}};
  weekly[1] = {{TimeOfDay::hm(9, 0), TimeOfDay::hm(12, 0)},
               {TimeOfDay::hm(11, 0), TimeOfDay::hm(18, 0)}};
  patch.weekly = weekly;
  patch.zone = "Mars/Olympus";
  auto r = in_write(t.db(), [&](store::Executor& ex) {
    return app::update_calendar(ex, admin, kNow, "china-mainland", 1, patch);
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
  ASSERT_FALSE(r.error().fields.empty());
  EXPECT_EQ(r.error().fields[0].field, "/zone");
  patch.zone.reset();
  r = in_write(t.db(), [&](store::Executor& ex) {
    return app::update_calendar(ex, admin, kNow, "china-mainland", 1, patch);
  });
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "/weekly/0/0");
  EXPECT_EQ(r.error().fields[1].field, "/weekly/1/1");
  EXPECT_EQ(r.error().fields[1].code, "overlap");
}

TEST(CalendarStore, ImportDryRunWritesNothingAndTheImportDoes) {
  TestDatabase t;
  const auto admin = app::Actor::system("test");
  calendar::ImportData data;
  calendar::YearExceptions y;
  y.year = 2027;
  y.holidays.push_back({"元旦", "New Year's Day", Date{2027, 1, 1}, Date{2027, 1, 1}});
  y.makeup_days.push_back({Date{2027, 2, 14}, 0, ""});
  data.years.push_back(y);
  auto dry = in_write(t.db(), [&](store::Executor& ex) {
    return app::import_calendar_year(ex, admin, kNow, "china-mainland", data, app::DryRun::yes,
                                     std::nullopt);
  });
  ASSERT_TRUE(dry.ok());
  EXPECT_FALSE(dry->written);
  EXPECT_EQ(dry->diff.size(), 3u);
  EXPECT_EQ(dry->calendar.spec.last_year, 2026);
  auto real = in_write(t.db(), [&](store::Executor& ex) {
    return app::import_calendar_year(ex, admin, kNow, "china-mainland", data, app::DryRun::no, 1);
  });
  ASSERT_TRUE(real.ok());
  EXPECT_TRUE(real->written);
  EXPECT_EQ(real->calendar.spec.last_year, 2027);
  EXPECT_EQ(real->calendar.version, 2);
  auto again = in_write(t.db(), [&](store::Executor& ex) {
    return app::import_calendar_year(ex, admin, kNow, "china-mainland", data, app::DryRun::no,
                                     std::nullopt);
  });
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->diff.empty());
  EXPECT_FALSE(again->written);
  EXPECT_EQ(again->calendar.version, 2);
}

TEST(CalendarStore, PoliciesUsingACalendarAreNamedForRecomputationAndBlockItsDeletion) {
  TestDatabase t;
  const auto admin = app::Actor::system("test");
  ASSERT_TRUE(in_write(t.db(), [&](store::Executor& ex) {
                return app::copy_calendar(ex, admin, kNow, "china-mainland", "beijing", "", "");
              }).ok());
  sla::Policy gold;
  gold.id = "gold";
  gold.match.priority = "P1";
  gold.pause_states = {"waiting_customer"};
  gold.targets.push_back({sla::TargetKind::first_response,
                          "beijing",
                          {sla::DurationUnit::working_seconds, 3600},
                          {75, 90},
                          {{100, sla::EscalationAction::reassign, "line-2"}}});
  auto created = in_write(t.db(), [&](store::Executor& ex) {
    return app::create_policy(ex, admin, kNow, gold, std::nullopt);
  });
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->policy.targets[0].escalations[0].group, "line-2");

  auto todo =
      in_write(t.db(), [](store::Executor& ex) { return app::clocks_to_recompute(ex, "beijing"); });
  ASSERT_TRUE(todo.ok());
  EXPECT_EQ(todo->policies, std::vector<std::string>{"gold"});
  EXPECT_TRUE(todo->records.empty());  // filled by the service desk

  auto del = in_write(t.db(), [&](store::Executor& ex) {
    return app::delete_calendar(ex, admin, kNow, "beijing", 1);
  });
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, ErrorCode::conflict);

  sla::Policy bad = gold;
  bad.id = "bad";
  bad.targets[0].calendar_id = "nowhere";
  auto refused = in_write(t.db(), [&](store::Executor& ex) {
    return app::create_policy(ex, admin, kNow, bad, std::nullopt);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "/targets/0/calendar");

  ASSERT_TRUE(in_write(t.db(), [&](store::Executor& ex) {
                return app::delete_policy(ex, admin, kNow, "gold", 1);
              }).ok());
  EXPECT_TRUE(in_write(t.db(), [&](store::Executor& ex) {
                return app::delete_calendar(ex, admin, kNow, "beijing", 1);
              }).ok());
}

TEST(CalendarStore, AgentsReadButDoNotWrite) {
  TestDatabase t;
  app::Actor agent = app::Actor::system("test");
  agent.principal = access::Principal{};
  agent.principal.user_id = 5;
  agent.principal.role = "agent";
  agent.principal.grants = {{"calendar.read", access::Scope::all}};
  auto read = in_write(
      t.db(), [&](store::Executor& ex) { return app::get_calendar(ex, agent, "china-mainland"); });
  EXPECT_TRUE(read.ok());
  auto write = in_write(t.db(), [&](store::Executor& ex) {
    return app::copy_calendar(ex, agent, kNow, "china-mainland", "mine", "", "");
  });
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().code, ErrorCode::permission_denied);
}

}  // namespace
}  // namespace fuwu
