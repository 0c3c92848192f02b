#include "app/catalogue/catalogue.h"
#include "app/platform/outbox.h"
#include "base/log.h"

namespace fuwu::app {
namespace {

constexpr std::size_t kMaxRoleApprovers = 50;

}  // namespace

std::string json_text(std::string_view s) {
  std::string out = "\"";
  log::append_json_escaped(out, s);
  return out + "\"";
}

Result<std::vector<StageApprovers>> resolve_approvers(store::Executor& ex,
                                                      const CatalogueItem& item,
                                                      std::int64_t requester_id, Error& e) {
  std::vector<StageApprovers> out;
  for (std::size_t i = 0; i < item.approvals.size(); ++i) {
    StageApprovers people;
    for (const auto& a : item.approvals[i].approvers) {
      switch (a.kind) {
        case catalogue::ApproverSpec::Kind::role: {
          auto rows = TRY(ex.query(
              "SELECT id FROM users WHERE role = $1 AND disabled = 0 AND kind = 'user' ORDER BY "
              "id LIMIT " +
                  std::to_string(kMaxRoleApprovers),
              {a.role}));
          for (const auto& r : rows)
            people.emplace_back(r.i64(0), "role:" + a.role);
          break;
        }
        case catalogue::ApproverSpec::Kind::manager: {
          if (requester_id == 0) break;
          auto row = TRY(ex.query_one(
              "SELECT m.id FROM users u JOIN users m ON m.id = u.manager_id WHERE u.id = $1 AND "
              "m.disabled = 0",
              {requester_id}));
          if (row) people.emplace_back(row->i64(0), "manager");
          break;
        }
        case catalogue::ApproverSpec::Kind::user: {
          auto row =
              TRY(ex.query_one("SELECT id FROM users WHERE id = $1 AND disabled = 0", {a.user_id}));
          if (row) people.emplace_back(row->i64(0), "user");
          break;
        }
      }
    }
    if (people.empty()) {
      e.with_field("/catalogue_item_id", "no_approver",
                   "approval stage " + std::to_string(i + 1) + " (" + item.approvals[i].label_en +
                       ") has no approver for this requester, e.g. no manager is recorded");
    }
    out.push_back(std::move(people));
  }
  return out;
}

Result<std::vector<Approval>> load_approvals(store::Executor& ex, std::int64_t ticket_id) {
  auto rows = TRY(ex.query(
      "SELECT a.id, a.ticket_id, t.number, t.title, a.stage, a.stage_label_zh, a.stage_label_en, "
      "a.stage_rule, a.approver_id, u.login, u.display_name, a.source, a.state, a.comment, "
      "a.decided_at, t.state FROM ticket_approvals a JOIN tickets t ON t.id = a.ticket_id JOIN "
      "users u ON u.id = a.approver_id WHERE a.ticket_id = $1 ORDER BY a.stage, a.id",
      {ticket_id}));
  std::vector<Approval> out;
  for (const auto& r : rows) {
    Approval a;
    a.id = r.i64(0);
    a.ticket_id = r.i64(1);
    a.ticket_number = r.text(2);
    a.ticket_title = r.text(3);
    a.stage = static_cast<int>(r.i64(4));
    a.stage_label_zh = r.text(5);
    a.stage_label_en = r.text(6);
    a.rule = r.text(7);
    a.approver_id = r.i64(8);
    a.approver_login = r.text(9);
    a.approver_name = r.text(10);
    a.source = r.text(11);
    a.state = r.text(12);
    // A request that left awaiting_approval by hand (an administrator's approve, reject or
    // cancel) has nothing left to decide: its open approvals read as cancelled.
    if (r.text(15) != "awaiting_approval" && (a.state == "pending" || a.state == "waiting")) {
      a.state = "cancelled";
    }
    a.comment = r.text(13);
    if (!r.is_null(14)) a.decided_at = parse_rfc3339(r.text(14)).value_or(Instant{});
    out.push_back(std::move(a));
  }
  return out;
}

Status system_transition(store::Executor& ex, const Actor& actor, Instant now,
                         std::int64_t ticket_id, std::string_view transition,
                         std::optional<std::string> resolution) {
  Actor workflow = Actor::system("approval");
  workflow.request_id = actor.request_id;
  auto t = TRY(find_ticket(ex, ticket_id));
  if (!t) return Error(ErrorCode::not_found, "no such ticket");
  TransitionRequest req;
  req.transition = std::string(transition);
  req.resolution = std::move(resolution);
  TRY_VOID(transition_ticket(ex, workflow, now, ticket_id, t->version, req));
  return {};
}

Status announce_stage(store::Executor& ex, const Actor& actor, Instant now, const Ticket& ticket,
                      const std::vector<Approval>& approvals, int stage) {
  for (const auto& a : approvals) {
    if (a.stage != stage || a.state != "pending") continue;
    TRY_VOID(emit_event(
        ex, actor, now, "approval.requested", "ticket", ticket.id,
        "{\"approval_id\":" + std::to_string(a.id) + ",\"ticket_id\":" + std::to_string(ticket.id) +
            ",\"number\":" + json_text(ticket.number) + ",\"title\":" + json_text(ticket.title) +
            ",\"stage\":" + std::to_string(stage + 1) +
            ",\"approver_id\":" + std::to_string(a.approver_id) + "}"));
  }
  return {};
}

Status start_approvals(store::Executor& ex, const Actor& actor, Instant now, const Ticket& ticket,
                       const CatalogueItem& item, const std::vector<StageApprovers>& approvers) {
  std::vector<std::vector<std::int64_t>> ids;
  for (const auto& stage : approvers) {
    std::vector<std::int64_t> people;
    for (const auto& [id, source] : stage)
      people.push_back(id);
    ids.push_back(std::move(people));
  }
  for (const auto& slot : catalogue::start_slots(ids)) {
    const auto& stage = item.approvals[static_cast<std::size_t>(slot.stage)];
    std::string source;
    for (const auto& [id, from] : approvers[static_cast<std::size_t>(slot.stage)]) {
      if (id == slot.approver_id && source.empty()) source = from;
    }
    TRY_VOID(
        ex.exec("INSERT INTO ticket_approvals (ticket_id, stage, stage_label_zh, stage_label_en, "
                "stage_rule, approver_id, source, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                {ticket.id, std::int64_t{slot.stage}, stage.label_zh, stage.label_en,
                 std::string(catalogue::rule_name(stage.rule)), slot.approver_id, source,
                 std::string(catalogue::slot_state_name(slot.state))}));
  }
  TRY_VOID(system_transition(ex, actor, now, ticket.id, "submit_for_approval", std::nullopt));
  auto approvals = TRY(load_approvals(ex, ticket.id));
  return announce_stage(ex, actor, now, ticket, approvals, 0);
}

}  // namespace fuwu::app
