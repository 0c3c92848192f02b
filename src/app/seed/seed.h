// Realistic demo and benchmark data: customer organisations, the service desk's groups (一线 /
// 二线 / 三线) and agents, and tickets in Chinese and English with the vocabulary of the source
// manuals (faults, products, services), spread over the past year in every lifecycle state.
// Deterministic for a given random seed. The whole seed is one write unit (all of it or nothing):
// tickets are made in batches on other threads while the unit writes the previous batch, with
// their numbers, creation events and search index; one audit entry records the run.
#pragma once

#include <cstdint>
#include <functional>

#include "app/platform/context.h"
#include "store/search/bulk_index.h"

namespace fuwu::app {

struct SeedOptions {
  std::int64_t tickets = 10000;
  int organisations = 200;
  int agents = 50;
  std::uint64_t random_seed = 20261122;
  int batch = 5000;   // tickets made and written together
  bool index = true;  // also fill the full-text index
  // Builds the full-text index of a load into an empty index beside the write unit (optional:
  // without it, the documents are indexed as every write indexes them).
  store::SearchBulkIndexFactory bulk_index;
};

struct SeedReport {
  std::int64_t organisations = 0;
  std::int64_t agents = 0;
  std::int64_t tickets = 0;
};

Result<SeedReport> seed_database(Services& services, const SeedOptions& options,
                                 const std::function<void(std::int64_t done)>& progress);

}  // namespace fuwu::app
