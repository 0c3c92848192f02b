// SLA clocks on the shipped china-mainland calendar: pauses, priority and policy changes,
// calendar edits, warnings at exact instants, and recomputation at any `now`.
#include "domain/sla/clock.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "unit/calendar/calendar_test_util.h"

namespace fuwu::sla {
namespace {

using calendar::testing::at;
using calendar::testing::china;
using calendar::testing::shipped;

Target hours(TargetKind kind, int h) {
  Target t;
  t.kind = kind;
  t.calendar_id = "china-mainland";
  t.duration = {DurationUnit::working_seconds, h * 3600LL};
  return t;
}

PolicyBook book() {
  Policy p1;
  p1.id = "p1";
  p1.match.priority = "P1";
  p1.pause_states = {"waiting_customer"};
  p1.targets = {hours(TargetKind::first_response, 1), hours(TargetKind::resolution, 8)};
  p1.targets[1].escalations = {{100, EscalationAction::reassign, "line-2"}};
  Policy standard;
  standard.id = "standard";
  standard.pause_states = {"waiting_customer", "waiting_parts"};
  Target days;
  days.kind = TargetKind::resolution;
  days.calendar_id = "china-mainland";
  days.duration = {DurationUnit::working_days, 5};
  standard.targets = {hours(TargetKind::first_response, 4), days,
                      hours(TargetKind::update_interval, 8)};
  return PolicyBook::create({p1, standard}).value();
}

RecordFacts facts(std::string priority) {
  RecordFacts f;
  f.record_type = "incident";
  f.priority = std::move(priority);
  return f;
}

Event ev(std::string_view t, EventKind k, std::string value = "") {
  return Event{at(t), k, std::move(value)};
}

const Clock& clock_of(const std::vector<Clock>& clocks, TargetKind k) {
  auto it = std::find_if(clocks.begin(), clocks.end(), [&](const Clock& c) { return c.kind == k; });
  EXPECT_NE(it, clocks.end());
  return *it;
}

std::string fmt(const std::optional<Instant>& t) {
  return t ? china().format(*t) : "(none)";
}

std::vector<Clock> run(const std::vector<Event>& events, std::string_view now,
                       std::string priority = "P3") {
  static const PolicyBook kBook = book();
  auto r = compute_clocks(facts(std::move(priority)), events, kBook, shipped(), at(now));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : std::vector<Clock>{};
}

TEST(SlaClock, RunningClockWithWarningsAtExactInstants) {
  auto clocks = run({ev("2025-03-03T09:00:00+08:00", EventKind::created, "new")},
                    "2025-03-03T10:00:00+08:00");
  const Clock& fr = clock_of(clocks, TargetKind::first_response);
  EXPECT_EQ(fr.policy_id, "standard");
  EXPECT_EQ(fr.state, ClockState::running);
  EXPECT_EQ(fr.elapsed_seconds, 3600);
  EXPECT_EQ(fr.remaining_seconds, 3 * 3600);
  EXPECT_EQ(fmt(fr.deadline), "2025-03-03T14:00:00+08:00");
  ASSERT_EQ(fr.thresholds.size(), 3u);
  EXPECT_EQ(fr.thresholds[0].percent, 75);
  EXPECT_EQ(fmt(fr.thresholds[0].at), "2025-03-03T12:00:00+08:00");  // 3 h, at the segment end
  EXPECT_EQ(fmt(fr.thresholds[1].at), "2025-03-03T13:36:00+08:00");  // 3.6 h
  EXPECT_EQ(fr.thresholds[2].kind, Threshold::Kind::breach);
  EXPECT_EQ(fmt(next_due(clocks, at("2025-03-03T10:00:00+08:00"))), "2025-03-03T12:00:00+08:00");
  // Working days: Monday 09:00 + 5 working days = Monday 10 March 18:00.
  EXPECT_EQ(fmt(clock_of(clocks, TargetKind::resolution).deadline), "2025-03-10T18:00:00+08:00");
}

TEST(SlaClock, RecomputingAtAnyNowGivesTheSameInstants) {
  // A restart in the middle of a clock recomputes from the log: the warning instant is the same,
  // so a job keyed by it fires once.
  std::vector<Event> log = {ev("2025-01-27T16:00:00+08:00", EventKind::created, "new")};
  auto a = run(log, "2025-01-27T16:30:00+08:00");
  auto b = run(log, "2025-02-05T09:10:00+08:00");
  const Clock& ca = clock_of(a, TargetKind::first_response);
  const Clock& cb = clock_of(b, TargetKind::first_response);
  EXPECT_EQ(fmt(ca.deadline), "2025-02-05T11:00:00+08:00");  // 2 h before 春节, 2 h after
  for (std::size_t i = 0; i < ca.thresholds.size(); ++i)
    EXPECT_EQ(fmt(ca.thresholds[i].at), fmt(cb.thresholds[i].at));
}

TEST(SlaClock, PauseAndResumeNeverCountPausedTime) {
  std::vector<Event> log = {
      ev("2025-03-03T09:00:00+08:00", EventKind::created, "new"),
      ev("2025-03-03T10:00:00+08:00", EventKind::state_changed, "waiting_customer"),
      ev("2025-03-03T15:00:00+08:00", EventKind::state_changed, "in_progress")};
  auto paused = run(log, "2025-03-03T11:00:00+08:00");
  const Clock& p = clock_of(paused, TargetKind::first_response);
  EXPECT_EQ(p.state, ClockState::paused);
  EXPECT_EQ(p.elapsed_seconds, 3600);
  EXPECT_EQ(p.remaining_seconds, 3 * 3600);
  EXPECT_FALSE(p.deadline.has_value());
  auto resumed = run(log, "2025-03-03T16:00:00+08:00");
  const Clock& r = clock_of(resumed, TargetKind::first_response);
  EXPECT_EQ(r.state, ClockState::running);
  EXPECT_EQ(r.elapsed_seconds, 2 * 3600);
  EXPECT_EQ(fmt(r.deadline), "2025-03-03T18:00:00+08:00");
  auto has = [&](ClockStep::Kind k) {
    return std::any_of(r.explanation.begin(), r.explanation.end(),
                       [&](const ClockStep& s) { return s.kind == k; });
  };
  EXPECT_TRUE(has(ClockStep::Kind::paused));
  EXPECT_TRUE(has(ClockStep::Kind::resumed));
}

TEST(SlaClock, PriorityChangeKeepsCountedTime) {
  std::vector<Event> log = {ev("2025-03-03T09:00:00+08:00", EventKind::created, "new"),
                            ev("2025-03-03T09:30:00+08:00", EventKind::priority_changed, "P1")};
  auto clocks = run(log, "2025-03-03T09:40:00+08:00");
  const Clock& fr = clock_of(clocks, TargetKind::first_response);
  EXPECT_EQ(fr.policy_id, "p1");
  EXPECT_EQ(fr.target_seconds, 3600);
  EXPECT_EQ(fr.elapsed_seconds, 40 * 60);
  EXPECT_EQ(fmt(fr.deadline), "2025-03-03T10:00:00+08:00");
  EXPECT_TRUE(std::any_of(fr.explanation.begin(), fr.explanation.end(), [](const ClockStep& s) {
    return s.kind == ClockStep::Kind::target_changed;
  }));
  // A new target smaller than the time already counted is breached at the change, not before.
  log[1].at = at("2025-03-03T11:00:00+08:00");
  auto late = run(log, "2025-03-03T11:30:00+08:00");
  const Clock& l = clock_of(late, TargetKind::first_response);
  EXPECT_EQ(l.state, ClockState::breached);
  EXPECT_EQ(fmt(l.breach_at), "2025-03-03T11:00:00+08:00");
  // The update_interval target does not exist in p1: that clock is cancelled.
  EXPECT_EQ(clock_of(late, TargetKind::update_interval).state, ClockState::cancelled);
}

TEST(SlaClock, PolicyChangeWhilePausedLosesNothing) {
  std::vector<Event> log = {
      ev("2025-03-03T09:00:00+08:00", EventKind::created, "new"),
      ev("2025-03-03T10:00:00+08:00", EventKind::state_changed, "waiting_parts"),
      // p1 does not pause in waiting_parts: the clock runs again from the change.
      ev("2025-03-03T14:00:00+08:00", EventKind::policy_changed, "p1"),
  };
  auto clocks = run(log, "2025-03-03T14:30:00+08:00");
  const Clock& res = clock_of(clocks, TargetKind::resolution);
  EXPECT_EQ(res.policy_id, "p1");
  EXPECT_EQ(res.elapsed_seconds, 3600 + 1800);
  EXPECT_EQ(res.target_seconds, 8 * 3600);
  // 6.5 h remain from 14:30: 3.5 h today, 3 h tomorrow morning.
  EXPECT_EQ(fmt(res.deadline), "2025-03-04T12:00:00+08:00");
  ASSERT_FALSE(res.thresholds.empty());
  const Threshold& esc = *std::find_if(res.thresholds.begin(), res.thresholds.end(),
                                       [](const Threshold& t) { return t.escalation.has_value(); });
  EXPECT_EQ(esc.escalation->group, "line-2");
  EXPECT_EQ(fmt(esc.at), "2025-03-04T12:00:00+08:00");
}

TEST(SlaClock, StopsMetAndBreached) {
  std::vector<Event> log = {ev("2025-03-03T09:00:00+08:00", EventKind::created, "new"),
                            ev("2025-03-03T14:00:00+08:00", EventKind::public_reply)};
  auto exact = run(log, "2025-03-05T09:00:00+08:00");
  EXPECT_EQ(clock_of(exact, TargetKind::first_response).state, ClockState::met);  // at the deadline
  auto early = run({log[0], ev("2025-03-03T10:00:00+08:00", EventKind::public_reply)},
                   "2025-03-05T09:00:00+08:00");
  const Clock& met = clock_of(early, TargetKind::first_response);
  EXPECT_EQ(met.state, ClockState::met);
  EXPECT_EQ(fmt(met.deadline), "2025-03-03T14:00:00+08:00");
  EXPECT_EQ(met.remaining_seconds, 3 * 3600);
  EXPECT_FALSE(met.thresholds.back().at.has_value());  // no breach job after the stop
  log[1].at = at("2025-03-03T14:00:01+08:00");
  auto late = run(log, "2025-03-05T09:00:00+08:00");
  const Clock& fr = clock_of(late, TargetKind::first_response);
  EXPECT_EQ(fr.state, ClockState::breached);
  EXPECT_EQ(fmt(fr.breach_at), "2025-03-03T14:00:00+08:00");
  // update_interval restarted at the reply: 8 working hours from 14:00:01.
  EXPECT_EQ(fmt(clock_of(late, TargetKind::update_interval).deadline), "2025-03-04T14:00:01+08:00");
  log.push_back(ev("2025-03-04T10:00:00+08:00", EventKind::resolved));
  auto done = run(log, "2025-03-20T09:00:00+08:00");
  EXPECT_EQ(clock_of(done, TargetKind::resolution).state, ClockState::met);
  EXPECT_FALSE(next_due(done, at("2025-03-04T10:00:00+08:00")).has_value());
}

TEST(SlaClock, HolidaysAreSkippedInWorkingDayTargets) {
  auto clocks = run({ev("2025-09-26T15:00:00+08:00", EventKind::created, "new")},
                    "2025-09-26T15:00:00+08:00");
  const Clock& res = clock_of(clocks, TargetKind::resolution);
  EXPECT_EQ(fmt(res.deadline), "2025-10-10T18:00:00+08:00");
  auto late = run({ev("2025-09-26T15:00:00+08:00", EventKind::created, "new")},
                  "2025-10-09T09:00:00+08:00");
  const Clock& r = clock_of(late, TargetKind::resolution);
  EXPECT_TRUE(std::any_of(r.explanation.begin(), r.explanation.end(), [](const ClockStep& s) {
    return s.kind == ClockStep::Kind::calendar && s.cal.kind == calendar::Step::Kind::skipped &&
           s.cal.name_zh == "国庆节、中秋节";
  }));
  EXPECT_EQ(fmt(r.deadline), "2025-10-10T18:00:00+08:00");
}

TEST(SlaClock, CalendarEditIsAppliedAndExplained) {
  calendar::CalendarSpec spec = china().spec();
  spec.holidays.push_back(
      calendar::Holiday{"公司活动", "Company day", Date{2025, 3, 4}, Date{2025, 3, 4}});
  ++spec.revision;
  calendar::CalendarBook edited;
  edited.put(calendar::Calendar::create(spec, china().zone()).value());
  std::vector<Event> log = {
      ev("2025-03-03T17:00:00+08:00", EventKind::created, "new"),
      ev("2025-03-03T17:30:00+08:00", EventKind::calendar_edited, "china-mainland")};
  auto r = compute_clocks(facts("P3"), log, book(), edited, at("2025-03-03T17:45:00+08:00"));
  ASSERT_TRUE(r.ok());
  const Clock& fr = clock_of(*r, TargetKind::first_response);
  // 1 h on Monday, Tuesday is now off, 3 h on Wednesday.
  EXPECT_EQ(fmt(fr.deadline), "2025-03-05T12:00:00+08:00");
  EXPECT_TRUE(std::any_of(fr.explanation.begin(), fr.explanation.end(), [](const ClockStep& s) {
    return s.kind == ClockStep::Kind::calendar_edited;
  }));
}

TEST(SlaClock, ReopenResumesResolution) {
  std::vector<Event> log = {ev("2025-03-03T09:00:00+08:00", EventKind::created, "new"),
                            ev("2025-03-03T10:00:00+08:00", EventKind::resolved),
                            ev("2025-03-03T15:00:00+08:00", EventKind::reopened, "in_progress")};
  auto clocks = run(log, "2025-03-03T16:00:00+08:00", "P1");
  const Clock& res = clock_of(clocks, TargetKind::resolution);
  EXPECT_EQ(res.state, ClockState::running);
  EXPECT_EQ(res.elapsed_seconds, 2 * 3600);
  EXPECT_EQ(clock_of(clocks, TargetKind::first_response).state, ClockState::met);
}

TEST(SlaClock, ErrorsAreValues) {
  auto r = compute_clocks(
      facts("P1"),
      std::vector<Event>{ev("2025-03-03T09:00:00+08:00", EventKind::state_changed, "x")}, book(),
      shipped(), at("2025-03-03T10:00:00+08:00"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_request);
  Policy bad;
  bad.id = "bad";
  bad.targets = {hours(TargetKind::resolution, 1)};
  bad.targets[0].calendar_id = "nowhere";
  auto b = PolicyBook::create({bad}).value();
  auto u = compute_clocks(
      facts("P1"), std::vector<Event>{ev("2025-03-03T09:00:00+08:00", EventKind::created, "new")},
      b, shipped(), at("2025-03-03T10:00:00+08:00"));
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, ErrorCode::validation_failed);
  Policy dup = bad;
  dup.targets.push_back(dup.targets[0]);
  EXPECT_FALSE(validate(dup).ok());
}

TEST(SlaPolicy, FirstMatchInStatedOrder) {
  PolicyBook b = book();
  EXPECT_EQ(b.select(facts("P1"))->id, "p1");
  EXPECT_EQ(b.select(facts("P2"))->id, "standard");
}

}  // namespace
}  // namespace fuwu::sla
