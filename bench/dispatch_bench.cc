// Automatic dispatch, the pure ranking: choosing among N engineers (issue 8: 1,000 engineers in
// ≤ 5 ms for the whole choice; bench/aftersales.sh measures the use case over HTTP).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "domain/aftersales/dispatch.h"

namespace {

std::vector<fuwu::aftersales::DispatchCandidate> candidates(int n) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> km(0, 2000);
  std::uniform_int_distribution<int> load(0, 25), coin(0, 9);
  std::vector<fuwu::aftersales::DispatchCandidate> out;
  for (int i = 0; i < n; ++i) {
    fuwu::aftersales::DispatchCandidate c;
    c.engineer_id = i + 1;
    c.name = "工程师 " + std::to_string(i + 1);
    c.load = load(rng);
    c.distance_km = km(rng);
    c.has_skill = coin(rng) != 0;
    c.absent = coin(rng) == 0;
    c.in_territory = coin(rng) != 1;
    out.push_back(std::move(c));
  }
  return out;
}

void BM_RankEngineers(benchmark::State& state) {
  const auto c = candidates(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto d = fuwu::aftersales::rank_engineers(c);
    benchmark::DoNotOptimize(d.chosen);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RankEngineers)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
