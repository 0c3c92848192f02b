#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "app/seed/aftersales_seed.h"
#include "app/seed/seed.h"
#include "app/seed/survey_seed.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "cli/progress.h"
#include "store/sqlite/search_bulk_index.h"

namespace fuwu::cli {

void add_seed_command(CLI::App& app) {
  struct Flags {
    std::string db = "data/fuwu.db";
    app::SeedOptions options;
    app::SurveySeedOptions surveys;
    bool no_index = false;
    app::AfterSalesSeedOptions aftersales;
  };
  auto f = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand(
      "seed", "Fill a database with realistic demo/benchmark data (Chinese and English)");
  cmd->add_option("--db", f->db, "Database (SQLite file or postgresql:// URL)");
  cmd->add_option("--tickets", f->options.tickets, "Tickets to create (default 10000)");
  cmd->add_option("--organisations", f->options.organisations,
                  "Customer organisations (default 200)");
  cmd->add_option("--agents", f->options.agents,
                  "Agents, spread over three line groups (default 50)");
  cmd->add_option("--seed", f->options.random_seed,
                  "Random seed: the same seed gives the same data");
  cmd->add_option(
      "--batch", f->options.batch,
      "Tickets made and written together (default 5000); the whole seed is one transaction");
  cmd->add_option("--work-orders", f->aftersales.work_orders,
                  "After-sales work orders to create, with products, units, centres, engineers "
                  "and parts (default 0)");
  cmd->add_option("--centres", f->aftersales.centres, "Service centres (default 30)");
  cmd->add_option("--engineers-per-centre", f->aftersales.engineers_per_centre,
                  "Field engineers of each centre (default 10)");
  cmd->add_option("--units", f->aftersales.units,
                  "Sold units (default: as many as work orders, at least 1000)");
  cmd->add_option("--days", f->aftersales.days,
                  "Spread the work orders over this many days up to now (default 365)");
  cmd->add_flag("--no-index", f->no_index,
                "Skip the full-text index (faster; search finds nothing)");
  cmd->add_option("--survey-responses", f->surveys.responses,
                  "Also seed one satisfaction survey campaign with this many responses "
                  "(default 0; 90 % return rate)");
  cmd->footer(
      "Examples:\n"
      "  fuwu seed --db data/demo.db --tickets 5000 --organisations 50 --agents 20\n"
      "  fuwu seed --db /tmp/bench.db --tickets 1000000 --organisations 2000 --agents 500\n"
      "  fuwu seed --db /tmp/aftersales.db --tickets 0 --work-orders 1000000\n"
      "  fuwu seed --db /tmp/surveys.db --tickets 0 --survey-responses 100000");
  cmd->callback([f] {
    // One process loading into the file: every page once, not into the WAL and again.
    auto opened =
        open_database(f->db, MigrateMode::apply, {.synchronous_full = false, .bulk_load = true});
    if (!opened.ok()) fail(opened.error());
    SystemClock clock;
    app::Services services{*opened->db, clock, {}};
    f->options.index = !f->no_index;
    if (opened->db->dialect() == store::DialectKind::sqlite) {
      f->options.bulk_index = store::sqlite::search_bulk_index(opened->description);
    }
    ProgressBar bar("tickets", f->options.tickets);
    const auto started = std::chrono::steady_clock::now();
    auto report =
        app::seed_database(services, f->options, [&](std::int64_t done) { bar.update(done); });
    if (!report.ok()) fail(report.error());
    bar.finish();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("seeded %lld organisations, %lld agents, %lld tickets in %.1f s (%.0f tickets/s)\n",
                static_cast<long long>(report->organisations),
                static_cast<long long>(report->agents), static_cast<long long>(report->tickets),
                seconds, seconds > 0 ? static_cast<double>(report->tickets) / seconds : 0.0);
    if (f->aftersales.work_orders > 0) {
      f->aftersales.random_seed = f->options.random_seed;
      f->aftersales.organisations = f->options.organisations;
      ProgressBar orders("work orders", f->aftersales.work_orders);
      const auto begun = std::chrono::steady_clock::now();
      auto as = app::seed_aftersales(services, f->aftersales,
                                     [&](std::int64_t done) { orders.update(done); });
      if (!as.ok()) fail(as.error());
      orders.finish();
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - begun).count();
      std::printf(
          "seeded %lld service centres, %lld engineers, %lld units, %lld work orders, %lld stock "
          "movements, %lld repair sheets, %lld quotes, %lld complaints, %lld follow-ups in %.1f "
          "s\n",
          static_cast<long long>(as->centres), static_cast<long long>(as->engineers),
          static_cast<long long>(as->units), static_cast<long long>(as->work_orders),
          static_cast<long long>(as->stock_movements), static_cast<long long>(as->repair_sheets),
          static_cast<long long>(as->quotes), static_cast<long long>(as->complaints),
          static_cast<long long>(as->follow_ups), secs);
    }
    if (f->surveys.responses > 0) {
      f->surveys.random_seed = f->options.random_seed;
      ProgressBar survey_bar("survey responses", f->surveys.responses);
      auto surveys = app::seed_surveys(services, f->surveys,
                                       [&](std::int64_t done) { survey_bar.update(done); });
      if (!surveys.ok()) fail(surveys.error());
      survey_bar.finish();
      std::printf("seeded survey campaign %lld: %lld invitations, %lld responses\n",
                  static_cast<long long>(surveys->campaign_id),
                  static_cast<long long>(surveys->invitations),
                  static_cast<long long>(surveys->responses));
    }
  });
}

}  // namespace fuwu::cli
