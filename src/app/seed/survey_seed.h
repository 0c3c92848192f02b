// Survey data for demos and the report benchmark (`fuwu seed --survey-responses N`): the seed 004
// questionnaire as a template (created once), one campaign of N / 0.9 invitations to the seeded
// customer organisations, about work orders' service centres and engineers when the database has
// them, and N responses with realistic answers (some "not applicable", some comments), scored by
// domain/survey exactly as the API scores them. Deterministic for a given random seed.
#pragma once

#include <cstdint>
#include <functional>

#include "app/platform/context.h"

namespace fuwu::app {

struct SurveySeedOptions {
  std::int64_t responses = 0;
  std::uint64_t random_seed = 20261122;
  int batch = 5000;  // responses per write unit
};

struct SurveySeedReport {
  std::int64_t campaign_id = 0;
  std::int64_t invitations = 0;
  std::int64_t responses = 0;
};

// Needs customer organisations (run after the ticket seed, or on any database that has some).
Result<SurveySeedReport> seed_surveys(Services& services, const SurveySeedOptions& options,
                                      const std::function<void(std::int64_t done)>& progress);

}  // namespace fuwu::app
