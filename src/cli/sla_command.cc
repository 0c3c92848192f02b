// fuwu sla simulate — compute SLA clocks from a policy file and an event log, with explanations,
// on the shipped calendars or (--db) on the database's calendars and policies.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/calendar/calendar_format.h"
#include "app/calendar/shipped_calendars.h"
#include "app/sla/policies.h"
#include "app/sla/sla_json.h"
#include "base/time.h"
#include "cli/command_table.h"
#include "cli/database.h"
#include "domain/sla/clock.h"

namespace fuwu::cli {
namespace {

[[noreturn]] void sla_fail(const std::string& message) {
  std::cerr << "fuwu sla: " << message << "\n";
  throw CLI::RuntimeError(2);
}

void sla_fail(const Error& e) {
  sla_fail(calendar::error_text(e));
}

std::string slurp(const std::string& path) {
  auto text = calendar::read_text_file(path);
  if (!text.ok()) sla_fail(text.error());
  return std::move(text).value();
}

struct SimulateArgs {
  std::string policy;
  std::string events;
  std::string now;
  std::string db;
  bool brief = false;
};

void run_simulate(const SimulateArgs& a) {
  if (a.policy.empty() && a.db.empty())
    sla_fail("give --policy FILE, or --db PATH to use the database's policies");
  std::optional<sla::PolicyBook> policies;
  if (!a.policy.empty()) {
    auto parsed = sla::parse_policies_json(slurp(a.policy));
    if (!parsed.ok()) sla_fail(parsed.error());
    policies = std::move(parsed).value();
  }
  auto log = sla::parse_events_json(slurp(a.events));
  if (!log.ok()) sla_fail(log.error());
  Instant now;
  if (!a.now.empty()) {
    auto t = parse_rfc3339(a.now);
    if (!t) sla_fail("--now '" + a.now + "' is not RFC 3339 with an offset");
    now = *t;
  } else if (log->now) {
    now = *log->now;
  } else {
    now = SystemClock().now();
  }
  const auto explain = a.brief ? sla::Explain::none : sla::Explain::full;
  if (!a.db.empty()) {
    auto opened = open_database(a.db, MigrateMode::check_current);
    if (!opened.ok()) sla_fail(opened.error());
    std::string out;
    auto st = opened->db->read([&](store::Executor& ex) -> Status {
      auto sim = TRY(app::simulate_clocks(ex, app::Actor::system("cli"), std::move(policies),
                                          log->facts, log->events, now, explain));
      out = sla::clocks_json(sim.clocks, sim.calendars);
      return {};
    });
    if (!st.ok()) sla_fail(st.error());
    std::printf("%s\n", out.c_str());
    return;
  }
  auto calendars = calendar::shipped_calendars();
  if (!calendars.ok()) sla_fail(calendars.error());
  auto clocks = sla::compute_clocks(log->facts, log->events, *policies, *calendars, now, explain);
  if (!clocks.ok()) sla_fail(clocks.error());
  std::printf("%s\n", sla::clocks_json(*clocks, *calendars).c_str());
}

}  // namespace

void add_sla_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("sla", "SLA clocks: simulate policies against an event log");
  cmd->require_subcommand(1);
  cmd->footer("Example:\n  fuwu sla simulate --policy policy.json --events events.json");
  auto args = std::make_shared<SimulateArgs>();
  auto* sim = cmd->add_subcommand(
      "simulate", "Compute the clocks of one record (JSON in, clocks with explanations out)");
  sim->add_option("--policy", args->policy,
                  "Policy JSON: one policy or {\"policies\": [...]} (default with --db: the "
                  "database's policies)")
      ->check(CLI::ExistingFile);
  sim->add_option("--events", args->events, "Events JSON: {\"record\", \"now\", \"events\": [...]}")
      ->required()
      ->check(CLI::ExistingFile);
  sim->add_option(
      "--now", args->now,
      "Compute as of this instant (default: the file's \"now\", else the system clock)");
  sim->add_flag("--brief", args->brief, "Leave out the explanations");
  sim->add_option("--db", args->db,
                  "Use the calendars (and, without --policy, the SLA policies) of this database");
  sim->footer(
      "Policy: {\"id\": \"gold\", \"match\": {\"priority\": \"P1\"}, \"pause_states\": "
      "[\"waiting_customer\"],\n"
      "         \"targets\": [{\"kind\": \"resolution\", \"calendar\": \"china-mainland\", "
      "\"working_hours\": 8}]}\n"
      "Events: {\"record\": {\"priority\": \"P1\"}, \"events\": [{\"at\": "
      "\"2026-09-30T16:00:00+08:00\", \"kind\": \"created\", \"value\": \"new\"}]}\n"
      "Event kinds: created, state_changed, priority_changed, policy_changed, public_reply,\n"
      "             arrived_on_site, resolved, reopened, calendar_edited.\n"
      "Examples:\n"
      "  fuwu sla simulate --policy policy.json --events events.json\n"
      "  fuwu sla simulate --policy policy.json --events events.json --now "
      "2026-10-09T10:00:00+08:00 --brief\n"
      "  fuwu sla simulate --events events.json --db data/fuwu.db");
  sim->callback([args] { run_simulate(*args); });
}

}  // namespace fuwu::cli
