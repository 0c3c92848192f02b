// Calendar arithmetic on the shipped china-mainland calendar: deadline for 8 working hours,
// 5 working days and 30 working days (target: <= 1 µs per call), and working time between.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <vector>

#include "app/calendar/shipped_calendars.h"
#include "domain/calendar/calendar.h"

namespace {

using fuwu::Duration;
using fuwu::Instant;
using fuwu::calendar::Calendar;

const Calendar& china() {
  static const fuwu::calendar::CalendarBook kBook = [] {
    auto book = fuwu::calendar::shipped_calendars();
    if (!book.ok()) std::abort();
    return std::move(book).value();
  }();
  return *kBook.find(fuwu::calendar::kChinaMainland);
}

// Random starts over 2024-2026 so the binary searches do not hit the same cache lines each time.
const std::vector<Instant>& starts() {
  static const std::vector<Instant> kStarts = [] {
    std::mt19937_64 rng(1);
    std::vector<Instant> v;
    for (int i = 0; i < 4096; ++i)
      v.push_back(
          Instant::from_unix(1704038400 + static_cast<std::int64_t>(rng() % (86400 * 1000))));
    return v;
  }();
  return kStarts;
}

void BM_DeadlineHours(benchmark::State& state) {
  const Calendar& cal = china();
  const auto& s = starts();
  std::size_t i = 0;
  Duration d = Duration::of_hours(state.range(0));
  for (auto _ : state) {
    auto r = cal.deadline(s[i++ & 4095], d);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DeadlineHours)->Arg(8);

void BM_DeadlineWorkingDays(benchmark::State& state) {
  const Calendar& cal = china();
  const auto& s = starts();
  std::size_t i = 0;
  int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto r = cal.deadline_days(s[i++ & 4095], n);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DeadlineWorkingDays)->Arg(5)->Arg(30);

// "30 working days" as working time (240 h), the form an SLA clock uses.
BENCHMARK(BM_DeadlineHours)->Arg(240);

void BM_Between(benchmark::State& state) {
  const Calendar& cal = china();
  const auto& s = starts();
  std::size_t i = 0;
  for (auto _ : state) {
    Instant a = s[i++ & 4095];
    auto r = cal.between(a, a + Duration::of_hours(24 * 9));
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_Between);

void BM_DeadlineWithExplanation(benchmark::State& state) {
  const Calendar& cal = china();
  const auto& s = starts();
  std::size_t i = 0;
  for (auto _ : state) {
    fuwu::calendar::Explanation why;
    auto r = cal.deadline(s[i++ & 4095], Duration::of_hours(8), &why);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_DeadlineWithExplanation);

void BM_BuildCalendar(benchmark::State& state) {
  auto spec = fuwu::calendar::china_mainland_spec();
  for (auto _ : state) {
    auto c = Calendar::create(spec, china().zone());
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_BuildCalendar)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
