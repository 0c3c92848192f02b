// The SLA policy repository: rows <-> sla::Policy.
#include <algorithm>

#include "app/calendar/calendars.h"
#include "app/platform/audit.h"
#include "app/sla/policies.h"

namespace fuwu::app {
namespace {

constexpr const char* kColumns =
    "id, slug, name, position, match_contract, match_customer, match_service, match_record_type, "
    "match_priority, version, created_at, updated_at";

Result<StoredPolicy> load(store::Executor& ex, const store::Row& r) {
  StoredPolicy s;
  s.row_id = r.i64(0);
  sla::Policy& p = s.policy;
  p.id = r.text(1);
  p.name = r.text(2);
  s.position = r.i64(3);
  p.match.contract = r.opt_text(4);
  p.match.customer = r.opt_text(5);
  p.match.service = r.opt_text(6);
  p.match.record_type = r.opt_text(7);
  p.match.priority = r.opt_text(8);
  s.version = r.i64(9);
  s.created_at = parse_rfc3339(r.text(10)).value_or(Instant{});
  s.updated_at = parse_rfc3339(r.text(11)).value_or(Instant{});
  for (const auto& row :
       TRY(ex.query("SELECT state FROM sla_policy_pause_states WHERE policy_id = $1 ORDER BY state",
                    {s.row_id})))
    p.pause_states.push_back(row.text(0));
  auto targets =
      TRY(ex.query("SELECT kind, calendar_slug, unit, amount FROM sla_targets WHERE policy_id = $1",
                   {s.row_id}));
  for (const auto& row : targets) {
    sla::Target t;
    t.kind = sla::parse_target_kind(row.text(0)).value_or(sla::TargetKind::resolution);
    t.calendar_id = row.text(1);
    t.duration.unit = row.text(2) == "working_days" ? sla::DurationUnit::working_days
                                                    : sla::DurationUnit::working_seconds;
    t.duration.amount = row.i64(3);
    t.warning_percents.clear();
    for (const auto& w :
         TRY(ex.query("SELECT percent FROM sla_target_warnings WHERE policy_id = $1 "
                      "AND kind = $2 ORDER BY percent",
                      {s.row_id, row.text(0)})))
      t.warning_percents.push_back(static_cast<int>(w.i64(0)));
    for (const auto& x : TRY(ex.query("SELECT at_percent, action, group_name FROM sla_escalations "
                                      "WHERE policy_id = $1 AND kind = $2 ORDER BY id",
                                      {s.row_id, row.text(0)}))) {
      sla::Escalation e;
      e.at_percent = static_cast<int>(x.i64(0));
      e.action = sla::parse_escalation_action(x.text(1)).value_or(sla::EscalationAction::notify);
      e.group = x.text(2);
      t.escalations.push_back(std::move(e));
    }
    p.targets.push_back(std::move(t));
  }
  // Targets in the order of their kind, so a policy reads the same however it was written.
  std::sort(p.targets.begin(), p.targets.end(),
            [](const sla::Target& a, const sla::Target& b) { return a.kind < b.kind; });
  return s;
}

}  // namespace

Result<std::optional<StoredPolicy>> find_policy(store::Executor& ex, std::string_view slug) {
  auto row =
      TRY(ex.query_one(std::string("SELECT ") + kColumns + " FROM sla_policies WHERE slug = $1",
                       {std::string(slug)}));
  if (!row) return std::optional<StoredPolicy>();
  return std::optional<StoredPolicy>(TRY(load(ex, *row)));
}

Result<std::vector<StoredPolicy>> all_policies(store::Executor& ex) {
  auto rows =
      TRY(ex.query(std::string("SELECT ") + kColumns + " FROM sla_policies ORDER BY position, id"));
  std::vector<StoredPolicy> out;
  for (const auto& r : rows)
    out.push_back(TRY(load(ex, r)));
  return out;
}

Result<sla::PolicyBook> load_policy_book(store::Executor& ex) {
  std::vector<sla::Policy> ordered;
  for (auto& s : TRY(all_policies(ex)))
    ordered.push_back(std::move(s.policy));
  return sla::PolicyBook::create(std::move(ordered));
}

// Validates a policy for storage: the domain rules, the slug, and that every calendar exists.
Status check_policy(store::Executor& ex, const sla::Policy& p) {
  Error e(ErrorCode::validation_failed, "the SLA policy is not valid");
  if (!valid_calendar_slug(p.id))
    e.with_field("/id", "invalid_format",
                 "1 to 64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit");
  if (auto st = sla::validate(p); !st.ok()) {
    for (const FieldError& f : st.error().fields)
      if (f.field != "id") e.with_field("/" + f.field, f.code, f.message);
  }
  for (std::size_t i = 0; i < p.targets.size(); ++i) {
    const auto& slug = p.targets[i].calendar_id;
    if (slug.empty()) continue;
    auto cal = TRY(ex.query_one("SELECT id FROM calendars WHERE slug = $1", {slug}));
    if (!cal)
      e.with_field("/targets/" + std::to_string(i) + "/calendar", "not_found",
                   "no calendar " + slug);
  }
  if (!e.fields.empty()) return e;
  return {};
}

Status write_policy_rows(store::Executor& ex, std::int64_t row_id, const sla::Policy& p,
                         std::int64_t position) {
  TRY_VOID(ex.exec(
      "UPDATE sla_policies SET name = $2, position = $3, match_contract = $4, match_customer = $5, "
      "match_service = $6, match_record_type = $7, match_priority = $8 WHERE id = $1",
      {row_id, p.name, position, store::opt(p.match.contract), store::opt(p.match.customer),
       store::opt(p.match.service), store::opt(p.match.record_type),
       store::opt(p.match.priority)}));
  TRY_VOID(ex.exec("DELETE FROM sla_policy_pause_states WHERE policy_id = $1", {row_id}));
  TRY_VOID(ex.exec("DELETE FROM sla_escalations WHERE policy_id = $1", {row_id}));
  TRY_VOID(ex.exec("DELETE FROM sla_target_warnings WHERE policy_id = $1", {row_id}));
  TRY_VOID(ex.exec("DELETE FROM sla_targets WHERE policy_id = $1", {row_id}));
  std::vector<std::string> states = p.pause_states;
  std::sort(states.begin(), states.end());
  states.erase(std::unique(states.begin(), states.end()), states.end());
  for (const auto& s : states)
    TRY_VOID(ex.exec("INSERT INTO sla_policy_pause_states (policy_id, state) VALUES ($1, $2)",
                     {row_id, s}));
  for (const auto& t : p.targets) {
    const std::string kind(sla::target_kind_slug(t.kind));
    TRY_VOID(ex.exec(
        "INSERT INTO sla_targets (policy_id, kind, calendar_slug, unit, amount) VALUES ($1, $2, "
        "$3, $4, $5)",
        {row_id, kind, t.calendar_id,
         std::string(t.duration.unit == sla::DurationUnit::working_days ? "working_days"
                                                                        : "working_seconds"),
         t.duration.amount}));
    std::vector<int> warnings = t.warning_percents;
    std::sort(warnings.begin(), warnings.end());
    warnings.erase(std::unique(warnings.begin(), warnings.end()), warnings.end());
    for (int w : warnings)
      TRY_VOID(
          ex.exec("INSERT INTO sla_target_warnings (policy_id, kind, percent) VALUES ($1, $2, $3)",
                  {row_id, kind, std::int64_t{w}}));
    for (const auto& x : t.escalations)
      TRY_VOID(ex.exec(
          "INSERT INTO sla_escalations (policy_id, kind, at_percent, action, group_name) VALUES "
          "($1, $2, $3, $4, $5)",
          {row_id, kind, std::int64_t{x.at_percent},
           std::string(sla::escalation_action_slug(x.action)), x.group}));
  }
  return {};
}

// One line per target for the audit journal: "resolution china-mainland 5 working days".
std::vector<std::pair<std::string, std::string>> policy_audit_fields(const sla::Policy& p,
                                                                     std::int64_t position) {
  auto opt = [](const std::optional<std::string>& v) { return v ? *v : std::string("*"); };
  std::string match = "contract=" + opt(p.match.contract) + " customer=" + opt(p.match.customer) +
                      " service=" + opt(p.match.service) + " type=" + opt(p.match.record_type) +
                      " priority=" + opt(p.match.priority);
  std::string pauses;
  for (const auto& s : p.pause_states)
    pauses += (pauses.empty() ? "" : ", ") + s;
  std::string targets;
  for (const auto& t : p.targets) {
    if (!targets.empty()) targets += "; ";
    targets +=
        std::string(sla::target_kind_slug(t.kind)) + " " + t.calendar_id + " " +
        std::to_string(t.duration.amount) +
        (t.duration.unit == sla::DurationUnit::working_days ? " working days" : " working seconds");
    std::string w;
    for (int x : t.warning_percents)
      w += (w.empty() ? "" : ",") + std::to_string(x);
    targets += " warn " + w;
    for (const auto& x : t.escalations)
      targets += " @" + std::to_string(x.at_percent) + "% " +
                 std::string(sla::escalation_action_slug(x.action)) +
                 (x.group.empty() ? "" : " " + x.group);
  }
  return {{"name", p.name},
          {"position", std::to_string(position)},
          {"match", match},
          {"pause_states", pauses},
          {"targets", targets}};
}

}  // namespace fuwu::app
