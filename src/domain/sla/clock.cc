#include "domain/sla/clock.h"

#include <algorithm>
#include <cassert>

namespace fuwu::sla {

std::string_view event_kind_slug(EventKind k) {
  switch (k) {
    case EventKind::created:
      return "created";
    case EventKind::state_changed:
      return "state_changed";
    case EventKind::priority_changed:
      return "priority_changed";
    case EventKind::policy_changed:
      return "policy_changed";
    case EventKind::public_reply:
      return "public_reply";
    case EventKind::arrived_on_site:
      return "arrived_on_site";
    case EventKind::resolved:
      return "resolved";
    case EventKind::reopened:
      return "reopened";
    case EventKind::calendar_edited:
      return "calendar_edited";
  }
  return "created";
}

std::optional<EventKind> parse_event_kind(std::string_view slug) {
  for (int i = 0; i <= static_cast<int>(EventKind::calendar_edited); ++i) {
    auto k = static_cast<EventKind>(i);
    if (event_kind_slug(k) == slug) return k;
  }
  return std::nullopt;
}

std::string_view clock_state_slug(ClockState s) {
  switch (s) {
    case ClockState::running:
      return "running";
    case ClockState::paused:
      return "paused";
    case ClockState::met:
      return "met";
    case ClockState::breached:
      return "breached";
    case ClockState::cancelled:
      return "cancelled";
  }
  return "running";
}

std::string_view clock_step_slug(ClockStep::Kind k) {
  switch (k) {
    case ClockStep::Kind::started:
      return "started";
    case ClockStep::Kind::calendar:
      return "calendar";
    case ClockStep::Kind::paused:
      return "paused";
    case ClockStep::Kind::resumed:
      return "resumed";
    case ClockStep::Kind::target_changed:
      return "target_changed";
    case ClockStep::Kind::calendar_edited:
      return "calendar_edited";
    case ClockStep::Kind::restarted:
      return "restarted";
    case ClockStep::Kind::stopped:
      return "stopped";
    case ClockStep::Kind::cancelled:
      return "cancelled";
  }
  return "started";
}

namespace {

using calendar::Calendar;

// A stretch of running time, kept to find past threshold crossings.
struct Interval {
  Instant from;
  const Calendar* cal = nullptr;
  std::int64_t elapsed_before = 0;
  std::int64_t elapsed_after = 0;
};

struct Live {
  TargetKind kind = TargetKind::resolution;
  const Policy* policy = nullptr;
  const Target* target = nullptr;
  const Calendar* cal = nullptr;
  Instant started;
  Instant floor;  // thresholds never lie before the last target change
  std::int64_t target_seconds = 0;
  std::int64_t elapsed = 0;
  bool stopped = false;
  bool cancelled = false;
  Instant stopped_at;
  std::vector<Interval> intervals;
  std::vector<ClockStep> steps;
};

class Engine {
 public:
  Engine(const RecordFacts& facts, const PolicyBook& policies,
         const calendar::CalendarBook& calendars, Explain explain)
      : facts_(facts), policies_(policies), calendars_(calendars), explain_(explain) {}

  Status run(std::span<const Event> events, Instant now) {
    if (events.empty() || events.front().kind != EventKind::created)
      return make_error(ErrorCode::invalid_request, "an SLA event log starts with 'created'");
    for (std::size_t i = 1; i < events.size(); ++i)
      if (events[i].at < events[i - 1].at)
        return make_error(ErrorCode::invalid_request, "SLA events must be in time order");
    mark_ = events.front().at;
    for (const Event& e : events) {
      if (e.at > now) break;  // the future is not known yet
      TRY_VOID(advance(e.at));
      TRY_VOID(apply(e));
    }
    if (now > mark_) TRY_VOID(advance(now));
    now_ = std::max(now, mark_);
    return ok_status();
  }

  Result<std::vector<Clock>> finish() {
    std::vector<Clock> out;
    out.reserve(live_.size());
    for (Live& l : live_)
      out.push_back(TRY(result(l)));
    return out;
  }

 private:
  bool full() const { return explain_ == Explain::full; }

  template <typename MakeDetail>
  void note(Live& l, ClockStep::Kind kind, Instant at, MakeDetail make_detail) {
    if (!full()) return;
    ClockStep s;
    s.kind = kind;
    s.at = at;
    s.detail = make_detail();
    l.steps.push_back(std::move(s));
  }

  bool active(const Live& l) const { return !l.stopped && !l.cancelled; }
  bool paused() const { return policy_ && policy_->pauses_in(state_); }

  Result<const Policy*> resolve_policy() const {
    if (override_.empty()) return policies_.select(facts_);
    const Policy* p = policies_.find(override_);
    if (!p)
      return Error(ErrorCode::validation_failed, "unknown SLA policy " + override_)
          .with_field("policy", "unknown", override_);
    return p;
  }

  Result<const Calendar*> calendar_of(const Target& t) const {
    const Calendar* c = calendars_.find(t.calendar_id);
    if (!c)
      return Error(ErrorCode::validation_failed, "unknown calendar " + t.calendar_id)
          .with_field("calendar", "unknown", t.calendar_id);
    return c;
  }

  Result<std::int64_t> target_seconds(const Target& t, const Calendar& cal, Instant start) const {
    if (t.duration.unit == DurationUnit::working_seconds) return t.duration.amount;
    Instant end = TRY(cal.deadline_days(start, static_cast<int>(t.duration.amount)));
    return TRY(cal.between(start, end)).seconds;
  }

  // Counts [mark_, t) on every running clock; the calendar query is shared by clocks that use
  // the same calendar, which is the common case.
  Status advance(Instant t) {
    if (t <= mark_) return ok_status();
    if (!paused()) {
      const Calendar* cached_cal = nullptr;
      std::int64_t cached = 0;
      for (Live& l : live_) {
        if (!active(l)) continue;
        std::int64_t worked = 0;
        if (full()) {
          calendar::Explanation why;
          worked = TRY(l.cal->between(mark_, t, &why)).seconds;
          for (calendar::Step& s : why) {
            ClockStep step;
            step.kind = ClockStep::Kind::calendar;
            step.at = s.kind == calendar::Step::Kind::counted ? s.from : mark_;
            step.cal = std::move(s);
            l.steps.push_back(std::move(step));
          }
        } else if (l.cal == cached_cal) {
          worked = cached;
        } else {
          worked = TRY(l.cal->between(mark_, t)).seconds;
          cached_cal = l.cal;
          cached = worked;
        }
        l.intervals.push_back(Interval{mark_, l.cal, l.elapsed, l.elapsed + worked});
        l.elapsed += worked;
      }
    }
    mark_ = t;
    return ok_status();
  }

  Status start_clock(const Policy& p, const Target& t, Instant at) {
    Live l;
    l.kind = t.kind;
    l.policy = &p;
    l.target = &t;
    l.cal = TRY(calendar_of(t));
    l.started = at;
    l.floor = at;
    l.target_seconds = TRY(target_seconds(t, *l.cal, at));
    note(l, ClockStep::Kind::started, at, [&] {
      return "policy " + p.id + ", target " + std::to_string(l.target_seconds) +
             " working seconds on calendar " + t.calendar_id;
    });
    if (paused()) note(l, ClockStep::Kind::paused, at, [&] { return state_; });
    live_.push_back(std::move(l));
    return ok_status();
  }

  Status repolicy(Instant at, const std::string& reason) {
    bool was_paused = paused();
    const Policy* next = TRY(resolve_policy());
    if (next == policy_) return ok_status();
    const Policy* before = policy_;
    policy_ = next;
    for (Live& l : live_) {
      if (l.cancelled) continue;
      const Target* nt = next ? next->target(l.kind) : nullptr;
      if (!nt) {
        l.cancelled = true;
        note(l, ClockStep::Kind::cancelled, at, [&] {
          return reason + ": policy " + (next ? next->id : std::string("(none)")) + " has no " +
                 std::string(target_kind_slug(l.kind)) + " target";
        });
        continue;
      }
      const Calendar* cal = TRY(calendar_of(*nt));
      std::int64_t secs = TRY(target_seconds(*nt, *cal, l.started));
      note(l, ClockStep::Kind::target_changed, at, [&] {
        return reason + ": policy " + (before ? before->id : std::string("(none)")) + " -> " +
               next->id + ", target " + std::to_string(l.target_seconds) + " -> " +
               std::to_string(secs) + " working seconds, calendar " + l.cal->id() + " -> " +
               cal->id() + "; " + std::to_string(l.elapsed) + " s already counted are kept";
      });
      l.policy = next;
      l.target = nt;
      l.cal = cal;
      l.target_seconds = secs;
      l.floor = at;
    }
    if (next) {
      for (const Target& t : next->targets) {
        bool exists = std::any_of(live_.begin(), live_.end(),
                                  [&](const Live& l) { return l.kind == t.kind; });
        if (!exists && !resolved_) TRY_VOID(start_clock(*next, t, at));
      }
    }
    note_pause_change(was_paused, at);
    return ok_status();
  }

  void note_pause_change(bool was_paused, Instant at) {
    bool now_paused = paused();
    if (was_paused == now_paused) return;
    for (Live& l : live_)
      if (active(l))
        note(l, now_paused ? ClockStep::Kind::paused : ClockStep::Kind::resumed, at,
             [&] { return state_; });
  }

  void stop(Live& l, Instant at, EventKind why) {
    if (!active(l)) return;
    l.stopped = true;
    l.stopped_at = at;
    note(l, ClockStep::Kind::stopped, at, [&] { return std::string(event_kind_slug(why)); });
  }

  void restart(Live& l, Instant at) {
    l.elapsed = 0;
    l.intervals.clear();
    l.started = at;
    l.floor = at;
    note(l, ClockStep::Kind::restarted, at, [] { return std::string("public reply"); });
  }

  Status apply(const Event& e) {
    switch (e.kind) {
      case EventKind::created: {
        state_ = e.value;
        policy_ = TRY(resolve_policy());
        if (policy_)
          for (const Target& t : policy_->targets)
            TRY_VOID(start_clock(*policy_, t, e.at));
        return ok_status();
      }
      case EventKind::state_changed: {
        bool was = paused();
        state_ = e.value;
        note_pause_change(was, e.at);
        return ok_status();
      }
      case EventKind::priority_changed:
        facts_.priority = e.value;
        return repolicy(e.at, "priority changed to " + e.value);
      case EventKind::policy_changed:
        override_ = e.value;
        return repolicy(e.at, "policy changed");
      case EventKind::public_reply:
        for (Live& l : live_) {
          if (!active(l)) continue;
          if (l.kind == TargetKind::first_response) stop(l, e.at, e.kind);
          if (l.kind == TargetKind::update_interval) restart(l, e.at);
        }
        return ok_status();
      case EventKind::arrived_on_site:
        for (Live& l : live_)
          if (l.kind == TargetKind::onsite) stop(l, e.at, e.kind);
        return ok_status();
      case EventKind::resolved:
        resolved_ = true;
        for (Live& l : live_)
          stop(l, e.at, e.kind);
        return ok_status();
      case EventKind::reopened: {
        bool was = paused();
        resolved_ = false;
        if (!e.value.empty()) state_ = e.value;
        for (Live& l : live_) {
          if (l.cancelled || !l.stopped) continue;
          if (l.kind != TargetKind::resolution && l.kind != TargetKind::update_interval) continue;
          l.stopped = false;
          note(l, ClockStep::Kind::resumed, e.at, [] { return std::string("reopened"); });
          if (l.kind == TargetKind::update_interval) restart(l, e.at);
        }
        note_pause_change(was, e.at);
        return ok_status();
      }
      case EventKind::calendar_edited:
        for (Live& l : live_)
          if (l.cal->id() == e.value)
            note(l, ClockStep::Kind::calendar_edited, e.at, [&] {
              return "calendar " + e.value +
                     " was edited; the whole clock is computed with its "
                     "current revision " +
                     std::to_string(l.cal->spec().revision);
            });
        return ok_status();
    }
    return ok_status();
  }

  // The instant the clock's counted time reaches `x` seconds, found in the history or projected.
  Result<std::optional<Instant>> crossing(const Live& l, std::int64_t x) const {
    if (x <= l.elapsed) {
      for (const Interval& iv : l.intervals) {
        if (iv.elapsed_after < x) continue;
        Instant at = TRY(iv.cal->deadline(iv.from, Duration{x - iv.elapsed_before}));
        return std::optional<Instant>(std::max(at, l.floor));
      }
      return std::optional<Instant>(l.floor);  // the target shrank below the time counted
    }
    if (l.cancelled || (!l.stopped && paused())) return std::optional<Instant>();
    // A stopped clock shows where its deadline would have been, had it kept running.
    Instant from = l.stopped ? l.stopped_at : now_;
    return std::optional<Instant>(TRY(l.cal->deadline(from, Duration{x - l.elapsed})));
  }

  static std::int64_t percent_of(std::int64_t total, int percent) {
    return std::max<std::int64_t>(1, (total * percent + 99) / 100);
  }

  Result<Clock> result(Live& l) {
    Clock c;
    c.kind = l.kind;
    c.policy_id = l.policy->id;
    c.calendar_id = l.cal->id();
    c.started_at = l.started;
    c.target_seconds = l.target_seconds;
    c.elapsed_seconds = l.elapsed;
    c.remaining_seconds = std::max<std::int64_t>(0, l.target_seconds - l.elapsed);
    if (l.stopped) c.stopped_at = l.stopped_at;
    c.deadline = TRY(crossing(l, l.target_seconds));
    Instant end = l.stopped ? l.stopped_at : now_;
    if (c.deadline && *c.deadline < end && !l.cancelled) c.breach_at = c.deadline;
    if (l.cancelled) {
      c.state = ClockState::cancelled;
    } else if (c.breach_at) {
      c.state = ClockState::breached;
    } else if (l.stopped) {
      c.state = ClockState::met;
    } else {
      c.state = paused() ? ClockState::paused : ClockState::running;
    }
    for (int p : l.target->warning_percents) {
      Threshold t;
      t.kind = Threshold::Kind::warning;
      t.percent = p;
      t.at = TRY(crossing(l, percent_of(l.target_seconds, p)));
      c.thresholds.push_back(std::move(t));
    }
    for (const Escalation& x : l.target->escalations) {
      Threshold t;
      t.kind = Threshold::Kind::escalation;
      t.percent = x.at_percent;
      t.escalation = x;
      t.at = TRY(crossing(l, percent_of(l.target_seconds, x.at_percent)));
      c.thresholds.push_back(std::move(t));
    }
    Threshold breach;
    breach.kind = Threshold::Kind::breach;
    breach.percent = 100;
    breach.at = c.deadline;
    c.thresholds.push_back(std::move(breach));
    std::stable_sort(c.thresholds.begin(), c.thresholds.end(),
                     [](const Threshold& a, const Threshold& b) { return a.percent < b.percent; });
    if (l.stopped || l.cancelled) {
      // A stopped clock fires nothing more: drop instants after the stop.
      for (Threshold& t : c.thresholds)
        if (t.at && *t.at > end) t.at.reset();
    }
    c.explanation = std::move(l.steps);
    return c;
  }

  RecordFacts facts_;
  const PolicyBook& policies_;
  const calendar::CalendarBook& calendars_;
  Explain explain_;
  std::string state_;
  std::string override_;
  const Policy* policy_ = nullptr;
  bool resolved_ = false;
  Instant mark_;
  Instant now_;
  std::vector<Live> live_;
};

}  // namespace

Result<std::vector<Clock>> compute_clocks(const RecordFacts& facts, std::span<const Event> events,
                                          const PolicyBook& policies,
                                          const calendar::CalendarBook& calendars, Instant now,
                                          Explain explain) {
  Engine engine(facts, policies, calendars, explain);
  TRY_VOID(engine.run(events, now));
  return engine.finish();
}

std::optional<Instant> next_due(const std::vector<Clock>& clocks, Instant after) {
  std::optional<Instant> best;
  for (const Clock& c : clocks) {
    if (c.state != ClockState::running && c.state != ClockState::breached) continue;
    if (c.stopped_at) continue;
    for (const Threshold& t : c.thresholds)
      if (t.at && *t.at > after && (!best || *t.at < *best)) best = t.at;
  }
  return best;
}

}  // namespace fuwu::sla
