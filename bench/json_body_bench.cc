// Request body parsing: strict parse_json_body against plain boost::json::parse, and the full
// handler path (parse + BodyReader over a typical ticket's fields).
#include <string>

#include <benchmark/benchmark.h>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "http/body_reader.h"
#include "http/json_body.h"

namespace {

using fuwu::http::BodyReader;
using fuwu::http::Presence;

// A ticket as the agent console posts it: about 1.7 KB, Chinese text, a nested list.
std::string ticket_body() {
  std::string description;
  for (int i = 0; i < 14; ++i)
    description += "机房二楼的核心交换机端口频繁闪断，影响财务系统。";
  std::string lines;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) lines += ",";
    lines += R"({"sku":"SW-48P-)" + std::to_string(i) + R"(","qty":)" + std::to_string(i + 1) +
             R"(,"unit_price":1299.5,"note":"备件"})";
  }
  return R"({"title":"服务器宕机：核心交换机故障","description":")" + description +
         R"(","priority":"high","category":"network","customer_id":4711,"contact":{"name":"张伟",)"
         R"("phone":"+86 21 5555 0100","email":"zhang.wei@example.com"},"due_at":)"
         R"("2026-10-09T10:00:00+08:00","urgent":true,"tags":["网络","机房","P1"],"lines":[)" +
         lines + R"(],"source":"portal","notes":null})";
}

void BM_ParseJsonBody(benchmark::State& state) {
  const std::string body = ticket_body();
  for (auto _ : state) {
    auto v = fuwu::http::parse_json_body(body);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
  state.counters["body_bytes"] = static_cast<double>(body.size());
}
BENCHMARK(BM_ParseJsonBody);

// The baseline: Boost's own parser, which neither detects duplicate keys nor caps depth at 64.
void BM_BoostJsonParse(benchmark::State& state) {
  const std::string body = ticket_body();
  for (auto _ : state) {
    auto v = boost::json::parse(body);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_BoostJsonParse);

void BM_BoostJsonParseMonotonic(benchmark::State& state) {
  const std::string body = ticket_body();
  for (auto _ : state) {
    boost::json::monotonic_resource mr;
    auto v = boost::json::parse(body, &mr);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_BoostJsonParseMonotonic);

// What a handler does: parse, then read and validate the fields it knows.
void BM_ParseAndReadTicket(benchmark::State& state) {
  const std::string body = ticket_body();
  for (auto _ : state) {
    auto v = fuwu::http::parse_json_body(body);
    auto in = BodyReader::from(*v).value();
    auto title = in.text("title", Presence::required,
                         {.min_chars = 1, .max_chars = 200, .single_line = true});
    auto description = in.text("description");
    auto priority = in.one_of("priority", {"low", "medium", "high", "critical"});
    auto customer = in.integer("customer_id", Presence::required, {.min = 1});
    auto due = in.instant("due_at");
    benchmark::DoNotOptimize(title);
    benchmark::DoNotOptimize(description);
    benchmark::DoNotOptimize(priority);
    benchmark::DoNotOptimize(customer);
    benchmark::DoNotOptimize(due);
    for (const char* key : {"category", "contact", "urgent", "tags", "lines", "source", "notes"}) {
      benchmark::DoNotOptimize(in.has(key));
    }
    auto status = in.finish();
    benchmark::DoNotOptimize(status);
  }
}
BENCHMARK(BM_ParseAndReadTicket);

}  // namespace

BENCHMARK_MAIN();
