// Keeps work_order_facts, kpi_tallies and statistics_tallies in step with a work order (see
// kpi.h).
#include <array>
#include <map>
#include <tuple>

#include "app/kpi/kpi.h"
#include "app/tickets/sla_clocks.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {
namespace {

constexpr std::int64_t kRepeatWindowSeconds = 30 * 86400;

struct FactRow {
  std::int64_t organisation_id = 0;
  std::int64_t service_centre_id = 0;
  std::int64_t engineer_id = 0;
  kpi::OrderFacts facts;
  // What the monthly statistics group and sum (statistics_tallies).
  std::int64_t model_id = 0;
  std::int64_t fault_code_id = 0;
  std::string fault;
  bool in_warranty = false;
  std::int64_t parts_cost_cents = 0;
  std::int64_t fees_cents = 0;
};

constexpr const char* kFactColumns =
    "organisation_id, service_centre_id, engineer_id, wo_kind, cancelled, reported_month, "
    "due_month, on_time, responded_month, response_seconds, resolved_month, repair_seconds, "
    "waited_for_parts, reopened, came_back, model_id, fault_code_id, fault, in_warranty, "
    "parts_cost_cents, fees_cents";

FactRow fact_row(const store::Row& r) {
  FactRow f;
  f.organisation_id = r.i64(0);
  f.service_centre_id = r.i64(1);
  f.engineer_id = r.i64(2);
  f.facts.repair = r.text(3) == "repair";
  f.facts.cancelled = r.i64(4) != 0;
  f.facts.reported_month = r.text(5);
  f.facts.due_month = r.opt_text(6);
  if (!r.is_null(7)) f.facts.on_time = r.i64(7) != 0;
  f.facts.responded_month = r.opt_text(8);
  f.facts.response_seconds = r.i64(9);
  f.facts.resolved_month = r.opt_text(10);
  f.facts.repair_seconds = r.i64(11);
  f.facts.waited_for_parts = r.i64(12) != 0;
  f.facts.reopened = r.i64(13) != 0;
  f.facts.came_back = r.i64(14) != 0;
  f.model_id = r.i64(15);
  f.fault_code_id = r.i64(16);
  f.fault = r.text(17);
  f.in_warranty = r.i64(18) != 0;
  f.parts_cost_cents = r.i64(19);
  f.fees_cents = r.i64(20);
  return f;
}

Result<std::optional<FactRow>> load_fact_row(store::Executor& ex, std::int64_t ticket_id) {
  auto row = TRY(ex.query_one(
      std::string("SELECT ") + kFactColumns + " FROM work_order_facts WHERE ticket_id = $1",
      {ticket_id}));
  if (!row) return std::optional<FactRow>();
  return std::optional<FactRow>(fact_row(*row));
}

using TallyKey = std::tuple<std::string, std::int64_t, std::string, std::string>;
using Deltas = std::map<TallyKey, std::pair<std::int64_t, std::int64_t>>;

void add_contributions(Deltas& deltas, const FactRow& f, std::int64_t sign) {
  for (const auto& c : kpi::contributions(f.facts)) {
    const std::string tally(kpi::tally_slug(c.tally));
    auto add = [&](const char* scope, std::int64_t id) {
      auto& d = deltas[{scope, id, c.month, tally}];
      d.first += sign * c.numerator;
      d.second += sign * c.denominator;
    };
    add("all", 0);
    add("centre", f.service_centre_id);
    if (f.engineer_id) add("engineer", f.engineer_id);
    if (f.organisation_id) add("contract", f.organisation_id);
  }
}

// statistics_tallies: (month, dimension, key_id, key_text) → orders, repaired, cancelled, in
// warranty, parts cost, fees.
using StatKey = std::tuple<std::string, const char*, std::int64_t, std::string>;
using StatDeltas = std::map<StatKey, std::array<std::int64_t, 6>>;

void add_statistics(StatDeltas& deltas, const FactRow& f, std::int64_t sign) {
  const std::array<std::int64_t, 6> figures = {1,
                                               f.facts.resolved_month ? 1 : 0,
                                               f.facts.cancelled ? 1 : 0,
                                               f.in_warranty ? 1 : 0,
                                               f.parts_cost_cents,
                                               f.fees_cents};
  const std::string& m = f.facts.reported_month;
  for (const StatKey& key :
       {StatKey{m, "total", 0, ""}, StatKey{m, "product", f.model_id, ""},
        StatKey{m, "fault_code", f.fault_code_id, ""}, StatKey{m, "fault", 0, f.fault},
        StatKey{m, "centre", f.service_centre_id, ""}, StatKey{m, "engineer", f.engineer_id, ""}}) {
    auto& d = deltas[key];
    for (std::size_t i = 0; i < figures.size(); ++i)
      d[i] += sign * figures[i];
  }
}

Status apply_statistics(store::Executor& ex, const std::optional<FactRow>& before,
                        const std::optional<FactRow>& after) {
  StatDeltas deltas;
  if (before) add_statistics(deltas, *before, -1);
  if (after) add_statistics(deltas, *after, +1);
  for (const auto& [key, d] : deltas) {
    if (d == std::array<std::int64_t, 6>{}) continue;
    const auto& [month, dimension, id, text] = key;
    TRY_VOID(ex.exec(
        "INSERT INTO statistics_tallies (month, dimension, key_id, key_text, orders, repaired, "
        "cancelled, in_warranty, parts_cost_cents, fees_cents) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, $9, $10) ON CONFLICT (month, dimension, key_id, key_text) DO UPDATE SET "
        "orders = statistics_tallies.orders + excluded.orders, repaired = "
        "statistics_tallies.repaired + excluded.repaired, cancelled = statistics_tallies.cancelled "
        "+ excluded.cancelled, in_warranty = statistics_tallies.in_warranty + "
        "excluded.in_warranty, parts_cost_cents = statistics_tallies.parts_cost_cents + "
        "excluded.parts_cost_cents, fees_cents = statistics_tallies.fees_cents + "
        "excluded.fees_cents",
        {month, std::string(dimension), id, text, d[0], d[1], d[2], d[3], d[4], d[5]}));
  }
  return {};
}

// Moves the difference between an order's old and new contributions into kpi_tallies and
// statistics_tallies.
Status apply_tallies(store::Executor& ex, const std::optional<FactRow>& before,
                     const std::optional<FactRow>& after) {
  TRY_VOID(apply_statistics(ex, before, after));
  Deltas deltas;
  if (before) add_contributions(deltas, *before, -1);
  if (after) add_contributions(deltas, *after, +1);
  for (const auto& [key, d] : deltas) {
    if (d.first == 0 && d.second == 0) continue;
    const auto& [scope, id, month, tally] = key;
    TRY_VOID(ex.exec(
        "INSERT INTO kpi_tallies (scope, scope_id, month, tally, numerator, denominator) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, scope_id, month, tally) DO UPDATE "
        "SET numerator = kpi_tallies.numerator + excluded.numerator, "
        "denominator = kpi_tallies.denominator + excluded.denominator",
        {scope, id, month, tally, d.first, d.second}));
  }
  return {};
}

std::optional<std::string> month_opt(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return kpi::month_of(*t);
}

const sla::Clock* clock_of(const TicketClocks& c, sla::TargetKind kind) {
  for (const auto& clock : c.clocks) {
    if (clock.kind == kind) return &clock;
  }
  return nullptr;
}

bool stopped(const sla::Clock& c) {
  return c.state == sla::ClockState::met || c.state == sla::ClockState::breached;
}

// What the statistics group an order's fault by: the repair sheet's fault code, and the fault
// phenomenon the engineer recorded on it (the fault as reported until then).
struct FactFault {
  std::optional<std::int64_t> code_id;
  std::string text;
};

Result<FactFault> fact_fault(store::Executor& ex, std::int64_t ticket_id,
                             const std::string& reported) {
  FactFault f{std::nullopt, reported};
  auto sheet = TRY(ex.query_one(
      "SELECT fault_code_id, fault_phenomenon FROM repair_sheets WHERE work_order_id = $1",
      {ticket_id}));
  if (!sheet) return f;
  if (!sheet->is_null(0)) f.code_id = sheet->i64(0);
  if (!sheet->text(1).empty()) f.text = sheet->text(1);
  return f;
}

}  // namespace

Status refresh_work_order_facts(store::Executor& ex, std::int64_t ticket_id, Instant now) {
  auto found = TRY(find_work_order(ex, ticket_id));
  if (!found) return {};
  const WorkOrder& w = *found;
  const Ticket& t = w.ticket;
  const auto before = TRY(load_fact_row(ex, ticket_id));

  FactRow f;
  f.organisation_id = t.organisation_id;
  f.service_centre_id = w.service_centre_id;
  f.engineer_id = t.assignee_id;
  auto& k = f.facts;
  k.repair = w.wo_kind == "repair";
  k.cancelled = t.state == "cancelled" || t.state == "declined";
  k.reported_month = format_date(w.reported_on).substr(0, 7);
  k.came_back = before && before->facts.came_back;

  const auto clocks = TRY(compute_ticket_clocks(ex, ticket_id, now, sla::Explain::none));
  std::optional<Instant> due_at;
  if (const auto* onsite = clock_of(clocks, sla::TargetKind::onsite)) {
    due_at = onsite->deadline;
    k.due_month = month_opt(onsite->deadline);
    if (onsite->state == sla::ClockState::met) k.on_time = true;
    if (onsite->state == sla::ClockState::breached) k.on_time = false;
    if (!k.due_month) k.on_time.reset();
  }
  if (const auto* answer = clock_of(clocks, sla::TargetKind::first_response);
      answer && stopped(*answer) && answer->stopped_at) {
    k.responded_month = month_opt(answer->stopped_at);
    k.response_seconds = answer->elapsed_seconds;
  }
  std::optional<Instant> resolved_at;
  if (!k.cancelled && t.resolved_at) {
    resolved_at = t.resolved_at;
    k.resolved_month = month_opt(t.resolved_at);
    if (const auto* cal = clocks.calendars.find(w.calendar)) {
      auto d = cal->between(t.created_at, *t.resolved_at);
      k.repair_seconds = d ? d->seconds : 0;
    } else {
      k.repair_seconds = t.resolved_at->unix_seconds - t.created_at.unix_seconds;
    }
  }
  auto events = TRY(ex.query_one(
      "SELECT COALESCE(SUM(CASE WHEN data LIKE '%\"to\":\"waiting_parts\"%' THEN 1 ELSE 0 END), "
      "0), COALESCE(SUM(CASE WHEN data LIKE '%\"to\":\"reported\"%' THEN 1 ELSE 0 END), 0) "
      "FROM ticket_events WHERE ticket_id = $1 AND event_type = 'state_changed'",
      {ticket_id}));
  k.waited_for_parts = events && events->i64(0) > 0;
  k.reopened = events && events->i64(1) > 0;
  auto cost = TRY(ex.query_one(
      "SELECT CAST(COALESCE(SUM(m.quantity * p.price_cents), 0) AS BIGINT) FROM stock_movements "
      "m JOIN parts p ON p.id = m.part_id WHERE m.work_order_id = $1 AND m.kind IN "
      "('consumption', 'issue')",
      {ticket_id}));
  const std::int64_t parts_cost = cost ? cost->i64(0) : 0;
  // Fees collected: the payments recorded on the order's accepted quotes (0 until paid); an order
  // without an accepted quote counts its parts charged out of warranty at list price.
  auto paid = TRY(ex.query_one(
      "SELECT COUNT(*), CAST(COALESCE(SUM(paid_amount), 0) AS BIGINT) FROM quotes WHERE "
      "work_order_id = $1 AND state = 'accepted'",
      {ticket_id}));
  const std::int64_t fees =
      paid && paid->i64(0) > 0 ? paid->i64(1) : (w.in_warranty ? 0 : parts_cost);

  const FactFault fault = TRY(fact_fault(ex, ticket_id, w.fault));
  std::int64_t model_id = 0;
  if (w.unit_id) {
    auto m = TRY(ex.query_one("SELECT model_id FROM units WHERE id = $1", {w.unit_id}));
    if (m) model_id = m->i64(0);
  }
  f.model_id = model_id;
  f.fault_code_id = fault.code_id.value_or(0);
  f.fault = fault.text;
  f.in_warranty = w.in_warranty;
  f.parts_cost_cents = parts_cost;
  f.fees_cents = fees;
  const std::vector<store::Value> values = {
      ticket_id,
      store::opt(t.organisation_id ? std::optional(t.organisation_id) : std::nullopt),
      w.service_centre_id,
      store::opt(t.assignee_id ? std::optional(t.assignee_id) : std::nullopt),
      store::opt(w.unit_id ? std::optional(w.unit_id) : std::nullopt),
      store::opt(model_id ? std::optional(model_id) : std::nullopt),
      fault.text,
      w.wo_kind,
      std::int64_t{w.in_warranty ? 1 : 0},
      std::int64_t{k.cancelled ? 1 : 0},
      k.reported_month,
      store::opt(due_at ? std::optional(format_rfc3339(*due_at)) : std::nullopt),
      store::opt(k.due_month),
      store::opt(k.on_time ? std::optional<std::int64_t>(*k.on_time ? 1 : 0) : std::nullopt),
      store::opt(k.responded_month),
      k.response_seconds,
      store::opt(resolved_at ? std::optional(format_rfc3339(*resolved_at)) : std::nullopt),
      store::opt(k.resolved_month),
      k.repair_seconds,
      std::int64_t{k.waited_for_parts ? 1 : 0},
      std::int64_t{k.reopened ? 1 : 0},
      std::int64_t{k.came_back ? 1 : 0},
      parts_cost,
      fees,
      store::opt(fault.code_id)};
  TRY_VOID(ex.exec(
      "INSERT INTO work_order_facts (ticket_id, organisation_id, service_centre_id, engineer_id, "
      "unit_id, model_id, fault, wo_kind, in_warranty, cancelled, reported_month, due_at, "
      "due_month, on_time, responded_month, response_seconds, resolved_at, resolved_month, "
      "repair_seconds, waited_for_parts, reopened, came_back, parts_cost_cents, fees_cents, "
      "fault_code_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
      "$16, $17, $18, $19, $20, $21, $22, $23, $24, $25) ON CONFLICT (ticket_id) DO UPDATE SET "
      "organisation_id = excluded.organisation_id, service_centre_id = "
      "excluded.service_centre_id, engineer_id = excluded.engineer_id, unit_id = "
      "excluded.unit_id, model_id = excluded.model_id, fault = excluded.fault, wo_kind = "
      "excluded.wo_kind, in_warranty = excluded.in_warranty, cancelled = excluded.cancelled, "
      "reported_month = excluded.reported_month, due_at = excluded.due_at, due_month = "
      "excluded.due_month, on_time = excluded.on_time, responded_month = "
      "excluded.responded_month, response_seconds = excluded.response_seconds, resolved_at = "
      "excluded.resolved_at, resolved_month = excluded.resolved_month, repair_seconds = "
      "excluded.repair_seconds, waited_for_parts = excluded.waited_for_parts, reopened = "
      "excluded.reopened, came_back = excluded.came_back, parts_cost_cents = "
      "excluded.parts_cost_cents, fees_cents = excluded.fees_cents, fault_code_id = "
      "excluded.fault_code_id",
      std::span<const store::Value>(values)));
  return apply_tallies(ex, before, f);
}

Status refresh_work_order_fault(store::Executor& ex, std::int64_t ticket_id) {
  auto order = TRY(ex.query_one("SELECT fault FROM work_orders WHERE ticket_id = $1", {ticket_id}));
  const auto before = TRY(load_fact_row(ex, ticket_id));
  if (!order || !before) return {};
  const FactFault fault = TRY(fact_fault(ex, ticket_id, order->text(0)));
  FactRow after = *before;
  after.fault = fault.text;
  after.fault_code_id = fault.code_id.value_or(0);
  TRY_VOID(
      ex.exec("UPDATE work_order_facts SET fault = $2, fault_code_id = $3 WHERE ticket_id = $1",
              {ticket_id, fault.text, store::opt(fault.code_id)}));
  return apply_statistics(ex, before, after);
}

Status note_repeat_repair(store::Executor& ex, std::int64_t ticket_id, std::int64_t unit_id,
                          Instant reported) {
  if (!unit_id) return {};
  auto prev = TRY(ex.query_one(
      "SELECT ticket_id FROM work_order_facts WHERE unit_id = $1 AND ticket_id <> $2 AND wo_kind "
      "= 'repair' AND cancelled = 0 AND resolved_at IS NOT NULL AND resolved_at >= $3 AND "
      "resolved_at <= $4 ORDER BY resolved_at DESC LIMIT 1",
      {unit_id, ticket_id,
       format_rfc3339(Instant::from_unix(reported.unix_seconds - kRepeatWindowSeconds)),
       format_rfc3339(reported)}));
  if (!prev) return {};
  const std::int64_t id = prev->i64(0);
  const auto before = TRY(load_fact_row(ex, id));
  if (!before || before->facts.came_back) return {};
  FactRow after = *before;
  after.facts.came_back = true;
  TRY_VOID(ex.exec("UPDATE work_order_facts SET came_back = 1 WHERE ticket_id = $1", {id}));
  return apply_tallies(ex, before, after);
}

}  // namespace fuwu::app
