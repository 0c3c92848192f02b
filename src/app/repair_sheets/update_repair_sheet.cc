#include "app/kpi/kpi.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/repair_sheets/repair_sheet.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {
namespace {

bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (v == a) return true;
  return false;
}

// The latest earlier order of the same unit whose sheet has the same fault code, reported within
// `window_days` before this one (cancelled and declined orders do not count).
Result<std::int64_t> earlier_repair(store::Executor& ex, const WorkOrder& w,
                                    std::int64_t fault_code_id, int window_days) {
  if (fault_code_id == 0 || w.unit_id == 0) return std::int64_t{0};
  const Date from = add_days(w.reported_on, -window_days);
  auto row = TRY(ex.query_one(
      "SELECT o.ticket_id FROM repair_sheets s JOIN work_orders o ON o.ticket_id = s.work_order_id "
      "JOIN tickets t ON t.id = o.ticket_id WHERE o.unit_id = $1 AND s.fault_code_id = $2 "
      "AND o.ticket_id <> $3 AND o.reported_on >= $4 AND o.reported_on <= $5 "
      "AND t.state NOT IN ('cancelled', 'declined') AND (o.reported_on < $5 OR o.ticket_id < $3) "
      "ORDER BY o.reported_on DESC, o.ticket_id DESC LIMIT 1",
      {w.unit_id, fault_code_id, w.ticket.id, format_date(from), format_date(w.reported_on)}));
  return row ? row->i64(0) : 0;
}

}  // namespace

Result<RepairSheet> update_repair_sheet(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const RepairSheetPatch& patch, int repeat_window_days) {
  const auto w = TRY(get_work_order(ex, actor, id));
  if (!may_write_sheet(actor, work_order_ownership(w.ticket))) {
    return Error(ErrorCode::permission_denied, "you may not write this repair sheet");
  }
  const std::string& state = w.ticket.state;
  if (state != "on_site" && state != "waiting_parts" && state != "repaired") {
    return Error(
        ErrorCode::invalid_transition,
        "the repair sheet is filled in on site until the customer signs; the order is " + state);
  }
  const RepairSheet cur = TRY(load_repair_sheet(ex, id));
  if (cur.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the repair sheet was changed by someone else; reload it and try again");
  }
  RepairSheet next = cur;
  if (patch.fault_phenomenon) next.fault_phenomenon = *patch.fault_phenomenon;
  if (patch.cause) next.cause = *patch.cause;
  if (patch.solution) next.solution = *patch.solution;
  if (patch.self_check) next.self_check = *patch.self_check;
  if (patch.self_check_note) next.self_check_note = *patch.self_check_note;
  if (patch.customer_verdict) next.customer_verdict = *patch.customer_verdict;
  if (patch.customer_comment) next.customer_comment = *patch.customer_comment;
  Error e(ErrorCode::validation_failed, "the repair sheet is not valid");
  if (!one_of(next.self_check, {"", "passed", "failed"})) {
    e.with_field("self_check", "not_allowed", "passed or failed");
  }
  if (!one_of(next.customer_verdict,
              {"", "satisfied", "fairly_satisfied", "neutral", "dissatisfied"})) {
    e.with_field("customer_verdict", "not_allowed",
                 "satisfied, fairly_satisfied, neutral or dissatisfied");
  }
  if (patch.fault_code && patch.fault_code->empty()) {
    next.fault_code.reset();
  } else if (patch.fault_code) {
    // A code of the catalogue of the unit's product line.
    auto row = TRY(
        ex.query_one("SELECT f.id, f.product_line_id, f.code, f.label_zh, f.label_en, f.created_at "
                     "FROM units u JOIN product_models m ON m.id = u.model_id "
                     "JOIN fault_codes f ON f.product_line_id = m.product_line_id "
                     "WHERE u.id = $1 AND f.code = $2",
                     {w.unit_id, *patch.fault_code}));
    if (!row) {
      e.with_field(
          "fault_code", "not_found",
          "a fault code of the unit's product line (GET /api/v1/products/{id}/fault-codes)");
    } else {
      next.fault_code =
          FaultCode{row->i64(0),  row->i64(1),  row->text(2),
                    row->text(3), row->text(4), parse_rfc3339(row->text(5)).value_or(Instant{})};
    }
  }
  if (!e.fields.empty()) return e;

  const std::int64_t old_code = cur.fault_code ? cur.fault_code->id : 0;
  const std::int64_t new_code = next.fault_code ? next.fault_code->id : 0;
  const std::int64_t old_repeat = cur.repeat_of ? cur.repeat_of->id : 0;
  std::int64_t repeat = old_repeat;
  if (new_code != old_code) repeat = TRY(earlier_repair(ex, w, new_code, repeat_window_days));

  ChangeSet changes;
  changes.add("fault_phenomenon", cur.fault_phenomenon, next.fault_phenomenon);
  changes.add("fault_code", cur.fault_code ? std::optional(cur.fault_code->code) : std::nullopt,
              next.fault_code ? std::optional(next.fault_code->code) : std::nullopt);
  changes.add("cause", cur.cause, next.cause);
  changes.add("solution", cur.solution, next.solution);
  changes.add("self_check", cur.self_check, next.self_check);
  changes.add("self_check_note", cur.self_check_note, next.self_check_note);
  changes.add("customer_verdict", cur.customer_verdict, next.customer_verdict);
  changes.add("customer_comment", cur.customer_comment, next.customer_comment);
  changes.add("repeat_of_id", id_text(old_repeat), id_text(repeat));
  if (changes.empty()) return cur;

  const std::vector<store::Value> values = {
      id,
      expected_version,
      next.fault_phenomenon,
      new_code ? store::Value(new_code) : store::Value(store::Null{}),
      next.cause,
      next.solution,
      next.self_check,
      next.self_check_note,
      next.customer_verdict,
      next.customer_comment,
      repeat ? store::Value(repeat) : store::Value(store::Null{}),
      format_rfc3339(now)};
  const auto written = TRY(ex.exec(
      cur.version == 0
          ? "INSERT INTO repair_sheets (work_order_id, version, fault_phenomenon, fault_code_id, "
            "cause, solution, self_check, self_check_note, customer_verdict, customer_comment, "
            "repeat_of_id, updated_at) VALUES ($1, $2 + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
            "$12) ON CONFLICT (work_order_id) DO NOTHING"
          : "UPDATE repair_sheets SET version = version + 1, fault_phenomenon = $3, "
            "fault_code_id = $4, cause = $5, solution = $6, self_check = $7, "
            "self_check_note = $8, customer_verdict = $9, customer_comment = $10, "
            "repeat_of_id = $11, updated_at = $12 WHERE work_order_id = $1 AND version = $2",
      values));
  if (written == 0) {
    return Error(ErrorCode::precondition_failed,
                 "the repair sheet was changed by someone else; reload it and try again");
  }
  TRY_VOID(write_audit(ex, actor, now, "ticket", id, "repair_sheet", changes.changes()));
  if (new_code != old_code || next.fault_phenomenon != cur.fault_phenomenon) {
    TRY_VOID(refresh_work_order_fault(ex, id));  // the monthly statistics by fault (app/kpi)
  }
  if (repeat != old_repeat && repeat != 0) {
    // Seed 001: no repeated repair of the same problem — the service desk sees it at once.
    auto earlier = TRY(find_ticket(ex, repeat));
    const std::string number = earlier ? earlier->number : std::to_string(repeat);
    TRY_VOID(insert_journal_entry(ex, actor, now, w.ticket, "internal",
                                  "重复维修：同一机器同一故障（" + next.fault_code->code +
                                      "），计入 " + number +
                                      " / Repeat repair: same unit, same fault (" +
                                      next.fault_code->code + "), counted against " + number));
    TRY_VOID(emit_event(ex, actor, now, "work_order.repeat_repair", "ticket", id,
                        "{\"repeat_of\":" + std::to_string(repeat) + "}"));
  }
  TRY_VOID(emit_event(ex, actor, now, "work_order.repair_sheet_updated", "ticket", id));
  return load_repair_sheet(ex, id);
}

}  // namespace fuwu::app
