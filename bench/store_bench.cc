// Store throughput on SQLite: durable single-row writes through write() (group commit) from 1, 8
// and 64 caller threads, and point reads through read().
//
//   build/store-rel/bench/store_bench --benchmark_counters_tabular=true
//
// Each benchmark opens a fresh database in a temporary directory on the same file system as
// /tmp. avg_batch is units per commit over the run: how many callers shared one fsync.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/sqlite/sqlite_database.h"

namespace fuwu::store::sqlite {
namespace {

constexpr std::int64_t kReadRows = 100'000;

// One database shared by every thread of a benchmark run; thread 0 creates and removes it.
struct Shared {
  std::string dir;
  std::unique_ptr<Database> db;
  DatabaseStats before;
};
Shared g;
std::atomic<std::int64_t> g_next_id{0};

enum class Sync { full, normal };

void open_fresh(Sync sync) {
  std::string pattern = (std::filesystem::temp_directory_path() / "fuwu-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  g.dir = pattern;
  Options o;
  o.path = g.dir + "/bench.db";
  o.synchronous_full = sync == Sync::full;
  auto db = open(o);
  if (!db.ok()) std::abort();
  g.db = std::move(db).value();
  const Status s = g.db->write([](Executor& ex) {
    return ex.exec_script(
        "CREATE TABLE records (id INTEGER PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL,"
        " priority INTEGER NOT NULL, created_at TEXT NOT NULL)");
  });
  if (!s.ok()) std::abort();
  g.before = g.db->stats();
}

void close_and_remove() {
  g.db.reset();
  std::error_code ignored;
  std::filesystem::remove_all(g.dir, ignored);
}

Status insert_one(Executor& ex, std::int64_t n) {
  TRY_VOID(
      ex.exec("INSERT INTO records (title, status, priority, created_at) VALUES ($1, $2, $3, $4)",
              {"服务器宕机 #" + std::to_string(n), "open", n % 4, "2026-11-22T10:00:00Z"}));
  return {};
}

void durable_inserts(benchmark::State& state, Sync sync) {
  if (state.thread_index() == 0) open_fresh(sync);
  for (auto _ : state) {
    const std::int64_t n = g_next_id.fetch_add(1);
    const Status s = g.db->write([n](Executor& ex) { return insert_one(ex, n); });
    if (!s.ok()) state.SkipWithError(s.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    const DatabaseStats after = g.db->stats();
    const double commits = static_cast<double>(after.commits - g.before.commits);
    const double units = static_cast<double>(after.units - g.before.units);
    state.counters["avg_batch"] = commits > 0 ? units / commits : 0;
    state.counters["commits_per_s"] = benchmark::Counter(commits, benchmark::Counter::kIsRate);
    close_and_remove();
  }
}

void BM_DurableInsert(benchmark::State& state) {
  durable_inserts(state, Sync::full);
}
BENCHMARK(BM_DurableInsert)->Threads(1)->Threads(8)->Threads(64)->UseRealTime()->MinTime(2.0);

// For comparison: synchronous=NORMAL (survives a crash of the process, not a power loss).
void BM_InsertSyncNormal(benchmark::State& state) {
  durable_inserts(state, Sync::normal);
}
BENCHMARK(BM_InsertSyncNormal)->Threads(1)->Threads(64)->UseRealTime()->MinTime(2.0);

void BM_PointRead(benchmark::State& state) {
  if (state.thread_index() == 0) {
    open_fresh(Sync::full);
    for (std::int64_t i = 0; i < kReadRows; i += 10'000) {
      const Status s = g.db->write([i](Executor& ex) -> Status {
        for (std::int64_t n = i; n < i + 10'000; ++n)
          TRY_VOID(insert_one(ex, n));
        return {};
      });
      if (!s.ok()) std::abort();
    }
  }
  std::mt19937_64 rng(static_cast<std::uint64_t>(state.thread_index()) + 1);
  std::uniform_int_distribution<std::int64_t> pick(1, kReadRows);
  for (auto _ : state) {
    const std::int64_t id = pick(rng);
    const Status s = g.db->read([&](Executor& ex) -> Status {
      auto row =
          TRY(ex.query_one("SELECT title, status, priority FROM records WHERE id = $1", {id}));
      benchmark::DoNotOptimize(row);
      return {};
    });
    if (!s.ok()) state.SkipWithError(s.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) close_and_remove();
}
BENCHMARK(BM_PointRead)->Threads(1)->Threads(2)->Threads(4)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace fuwu::store::sqlite

BENCHMARK_MAIN();
