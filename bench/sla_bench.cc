// Recomputing SLA clocks from scratch: 1,000,000 synthetic records with 10 events each
// (target: <= 10 s on the 2-core reference machine), and one record for the per-call cost.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "app/calendar/shipped_calendars.h"
#include "domain/sla/clock.h"

namespace {

using fuwu::Duration;
using fuwu::Instant;
using fuwu::sla::compute_clocks;
using fuwu::sla::DurationUnit;
using fuwu::sla::Event;
using fuwu::sla::EventKind;
using fuwu::sla::Explain;
using fuwu::sla::Policy;
using fuwu::sla::PolicyBook;
using fuwu::sla::RecordFacts;
using fuwu::sla::Target;
using fuwu::sla::TargetKind;

const fuwu::calendar::CalendarBook& calendars() {
  static const fuwu::calendar::CalendarBook kBook = [] {
    auto book = fuwu::calendar::shipped_calendars();
    if (!book.ok()) std::abort();
    return std::move(book).value();
  }();
  return kBook;
}

Target target(TargetKind k, DurationUnit u, std::int64_t amount, const char* cal) {
  Target t;
  t.kind = k;
  t.calendar_id = cal;
  t.duration = {u, amount};
  return t;
}

const PolicyBook& policies() {
  static const PolicyBook kBook = [] {
    std::vector<Policy> ps;
    const char* prios[] = {"P1", "P2", "P3", "P4"};
    for (int i = 0; i < 4; ++i) {
      Policy p;
      p.id = std::string("policy-") + prios[i];
      p.match.priority = prios[i];
      p.pause_states = {"waiting_customer", "waiting_parts"};
      p.targets = {
          target(TargetKind::first_response, DurationUnit::working_seconds, 3600LL * (i + 1),
                 "china-mainland"),
          target(TargetKind::resolution,
                 i == 0 ? DurationUnit::working_seconds : DurationUnit::working_days,
                 i == 0 ? 8 * 3600 : i + 2, "china-mainland"),
          target(TargetKind::update_interval, DurationUnit::working_seconds, 4 * 3600,
                 "china-mainland"),
          target(TargetKind::onsite, DurationUnit::working_seconds, 24 * 3600,
                 i == 0 ? "24x7" : "china-mainland"),
      };
      ps.push_back(std::move(p));
    }
    auto book = PolicyBook::create(std::move(ps));
    if (!book.ok()) std::abort();
    return std::move(book).value();
  }();
  return kBook;
}

struct Record {
  RecordFacts facts;
  std::vector<Event> events;
};

// Ten events: created, a reply, pause and resume, a priority change, more replies, arrival on
// site, and for most records the resolution; spread over working and non-working time.
Record synthetic(std::mt19937_64& rng) {
  static const char* kPrios[] = {"P1", "P2", "P3", "P4"};
  Record r;
  r.facts.record_type = "incident";
  r.facts.priority = kPrios[rng() % 4];
  std::int64_t t = 1704038400 + static_cast<std::int64_t>(rng() % (86400 * 900));
  auto step = [&] {
    t += static_cast<std::int64_t>(rng() % (3600 * 20)) + 60;
    return Instant::from_unix(t);
  };
  r.events.push_back({Instant::from_unix(t), EventKind::created, "new"});
  r.events.push_back({step(), EventKind::public_reply, ""});
  r.events.push_back({step(), EventKind::state_changed, "waiting_customer"});
  r.events.push_back({step(), EventKind::state_changed, "in_progress"});
  r.events.push_back({step(), EventKind::priority_changed, kPrios[rng() % 4]});
  r.events.push_back({step(), EventKind::public_reply, ""});
  r.events.push_back({step(), EventKind::arrived_on_site, ""});
  r.events.push_back({step(), EventKind::state_changed, "waiting_parts"});
  r.events.push_back({step(), EventKind::state_changed, "in_progress"});
  r.events.push_back({step(), rng() % 5 ? EventKind::resolved : EventKind::public_reply, ""});
  return r;
}

void BM_ClocksOneRecord(benchmark::State& state) {
  std::mt19937_64 rng(5);
  std::vector<Record> records;
  for (int i = 0; i < 1024; ++i)
    records.push_back(synthetic(rng));
  Instant now = Instant::from_unix(1704038400 + 86400 * 1000);
  std::size_t i = 0;
  auto explain = state.range(0) ? Explain::full : Explain::none;
  for (auto _ : state) {
    const Record& r = records[i++ & 1023];
    auto c = compute_clocks(r.facts, r.events, policies(), calendars(), now, explain);
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_ClocksOneRecord)->Arg(0)->Arg(1);

// The whole recomputation: 1,000,000 records x 10 events, generated first (not timed).
void BM_Recompute1M(benchmark::State& state) {
  std::mt19937_64 rng(9);
  std::vector<Record> records;
  records.reserve(1000000);
  for (int i = 0; i < 1000000; ++i)
    records.push_back(synthetic(rng));
  Instant now = Instant::from_unix(1704038400 + 86400 * 1000);
  for (auto _ : state) {
    std::size_t clocks = 0;
    for (const Record& r : records) {
      auto c = compute_clocks(r.facts, r.events, policies(), calendars(), now, Explain::none);
      if (!c.ok()) std::abort();
      clocks += c->size();
    }
    state.counters["clocks"] = static_cast<double>(clocks);
  }
  state.counters["records"] = 1000000;
}
BENCHMARK(BM_Recompute1M)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
