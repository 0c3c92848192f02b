// Full-text search: the tokenizer's throughput, and search over generated Chinese/English tickets
// on SQLite (FTS5 with the fuwu tokenizer) through app::search_tickets, as an agent and as a
// customer (organisation scope), first page of 20.
//
//   FUWU_BENCH_SEARCH_TICKETS=100000 build/search-rel/bench/search_bench
//   --benchmark_counters_tabular=true
//
// The database is built once per run in a temporary directory (default 100,000 tickets, 50
// organisations); p50/p99 are measured over every iteration of each search benchmark.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/search/search.h"
#include "store/migration.h"
#include "store/search/tokenizer.h"
#include "store/sqlite/sqlite_database.h"

namespace fuwu {
namespace {

// Vocabulary from the seeds: faults, devices, services, and English words in mixed text.
const char* const kFaults[] = {"宕机",     "网络中断", "无法打印", "蓝屏",   "卡纸",    "死机",
                               "无法登录", "速度很慢", "报警",     "漏水",   "过热",    "断电",
                               "连接失败", "数据丢失", "无法开机", "噪音大", "显示异常"};
const char* const kThings[] = {"服务器",   "打印机",   "交换机",  "路由器",  "笔记本电脑",
                               "数据库",   "邮件系统", "空调",    "UPS电源", "投影仪",
                               "门禁系统", "考勤机",   "ERP系统", "VPN",     "无线网络"};
const char* const kPlaces[] = {"一楼机房", "财务部",     "二号仓库",   "总经理办公室",
                               "生产车间", "北京分公司", "上海办事处", "研发中心"};
const char* const kEnglish[] = {"server",  "printer", "network", "timeout", "error",
                                "login",   "outlook", "backup",  "disk",    "firmware",
                                "license", "update",  "crash",   "memory",  "password"};

template <typename T, std::size_t N>
const char* pick(std::mt19937_64& rng, T (&words)[N]) {
  return words[rng() % N];
}

std::string sentence(std::mt19937_64& rng) {
  std::string s = std::string(pick(rng, kPlaces)) + "的" + pick(rng, kThings) + pick(rng, kFaults);
  if (rng() % 2) s += std::string("，日志显示 ") + pick(rng, kEnglish) + " " + pick(rng, kEnglish);
  return s + "。";
}

void BM_Tokenize(benchmark::State& state) {
  std::mt19937_64 rng(42);
  std::string text;
  while (text.size() < 1'000'000)
    text += sentence(rng);
  std::size_t tokens = 0;
  for (auto _ : state) {
    search::for_each_token(text, [&](const search::Token&) {
      ++tokens;
      return true;
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["tokens_per_MB"] =
      static_cast<double>(tokens) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_ParseQuery(benchmark::State& state) {
  for (auto _ : state) {
    auto q = search::parse_query("服务器宕机 \"VPN 连接失败\"");
    benchmark::DoNotOptimize(q);
  }
}
BENCHMARK(BM_ParseQuery);

struct Corpus {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::int64_t tickets = 0;
  double build_seconds = 0;
};
Corpus* g_corpus = nullptr;

Corpus& corpus() {
  if (g_corpus != nullptr) return *g_corpus;
  auto* c = new Corpus;
  const char* env = std::getenv("FUWU_BENCH_SEARCH_TICKETS");
  c->tickets = env ? std::atoll(env) : 100'000;
  std::string pattern = (std::filesystem::temp_directory_path() / "fuwu-search-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  c->dir = pattern;
  store::sqlite::Options o;
  o.path = c->dir + "/search.db";
  auto db = store::sqlite::open(o);
  if (!db.ok()) std::abort();
  c->db = std::move(db).value();
  const auto started = std::chrono::steady_clock::now();
  if (!store::migrate(*c->db, store::sqlite::embedded_migrations(),
                      Instant::from_unix(1'790'000'000))
           .ok()) {
    std::abort();
  }
  Status s = c->db->write([](store::Executor& ex) -> Status {
    for (int i = 1; i <= 50; ++i) {
      TRY_VOID(
          ex.exec("INSERT INTO organisations (name, kind, created_at, updated_at) "
                  "VALUES ($1, 'customer', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                  {"客户" + std::to_string(i)}));
    }
    return {};
  });
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    std::abort();
  }
  std::mt19937_64 rng(7);
  constexpr std::int64_t kBatch = 5'000;
  for (std::int64_t from = 1; from <= c->tickets; from += kBatch) {
    s = c->db->write([&](store::Executor& ex) -> Status {
      for (std::int64_t id = from; id < std::min(from + kBatch, c->tickets + 1); ++id) {
        const std::string title = std::string(pick(rng, kThings)) + pick(rng, kFaults);
        std::string body;
        const int sentences = 1 + static_cast<int>(rng() % 4);
        for (int k = 0; k < sentences; ++k)
          body += sentence(rng);
        TRY_VOID(ex.exec(
            "INSERT INTO tickets (id, kind, number, title, description, organisation_id, priority, "
            "state, state_category, channel, created_at, updated_at) VALUES ($1, 'incident', $2, "
            "$3, $4, $5, 3, 'new', 'new', 'api', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            {id, "INC-2026-" + std::to_string(id), title, body, std::int64_t(1 + id % 50)}));
        TRY_VOID(app::index_ticket(ex, id));
      }
      return {};
    });
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      std::abort();
    }
  }
  c->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  g_corpus = c;
  std::atexit([] {
    g_corpus->db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(g_corpus->dir, ignored);
  });
  return *c;
}

app::Actor actor(bool customer) {
  app::Actor a;
  a.principal.user_id = 1;
  a.principal.login = customer ? "alice" : "agent";
  a.principal.role = customer ? "customer" : "agent";
  if (customer) {
    a.principal.organisation_id = 7;
    a.principal.grants = {{"ticket.read", access::Scope::organisation}};
  } else {
    a.principal.grants = {{"ticket.read", access::Scope::all}, {"ticket.note", access::Scope::all}};
  }
  return a;
}

void run_search(benchmark::State& state, const char* query, bool customer) {
  Corpus& c = corpus();
  const app::Actor who = actor(customer);
  std::vector<double> ms;
  std::size_t hits = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    const Status s = c.db->read([&](store::Executor& ex) -> Status {
      app::SearchRequest r;
      r.query = query;
      const auto page = TRY(app::search_tickets(ex, who, r));
      hits = page.items.size();
      return {};
    });
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!s.ok()) state.SkipWithError(s.error().message.c_str());
  }
  std::sort(ms.begin(), ms.end());
  state.counters["tickets"] = static_cast<double>(c.tickets);
  state.counters["hits"] = static_cast<double>(hits);
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["build_s"] = c.build_seconds;
}

void BM_SearchChineseWord(benchmark::State& s) {
  run_search(s, "宕机", false);
}
void BM_SearchEnglishWord(benchmark::State& s) {
  run_search(s, "firmware", false);
}
void BM_SearchTwoTerms(benchmark::State& s) {
  run_search(s, "打印机 卡纸", false);
}
void BM_SearchChineseWordCustomer(benchmark::State& s) {
  run_search(s, "宕机", true);
}
void BM_SearchRareWord(benchmark::State& s) {
  run_search(s, "投影仪 过热 license", false);
}
BENCHMARK(BM_SearchChineseWord)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_SearchEnglishWord)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_SearchTwoTerms)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_SearchChineseWordCustomer)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_SearchRareWord)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace
}  // namespace fuwu

BENCHMARK_MAIN();
