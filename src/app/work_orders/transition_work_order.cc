#include "app/dispatch/dispatch.h"
#include "app/kpi/kpi.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/service_centres/service_centre.h"
#include "app/tickets/sla_clocks.h"
#include "app/work_orders/work_order.h"

namespace fuwu::app {

Result<WorkOrder> transition_work_order(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t id, std::int64_t expected_version,
                                        const WorkOrderTransition& req) {
  const auto w = TRY(get_work_order(ex, actor, id));
  const Ticket& t = w.ticket;
  if (t.version != expected_version) {
    return Error(ErrorCode::precondition_failed,
                 "the work order was changed by someone else; reload it and try again");
  }
  TransitionRequest tr;
  tr.transition = req.transition;
  Error invalid(ErrorCode::validation_failed, "the transition is not valid");
  const auto& name = req.transition;
  if ((name == "quote" || name == "accept_quote" || name == "decline_quote") && !req.by_record) {
    return Error(ErrorCode::invalid_transition,
                 "quotes are sent, accepted and declined through /api/v1/quotes")
        .with_field("transition", "use_quotes",
                    "POST /api/v1/quotes, then /api/v1/quotes/{id}/accept or /decline");
  }
  if (name == "sign" && !req.by_record) {
    return Error(
               ErrorCode::invalid_transition,
               "the customer signs the repair sheet: PUT /api/v1/work-orders/{id}/sheet/signature")
        .with_field("transition", "use_signature", "the signature on the repair sheet");
  }
  if (name == "dispatch") {
    // Back in reported after a reopen, an order quoted and accepted before needs no new quote.
    const bool accepted =
        w.quote_required && t.state == "reported" &&
        TRY(ex.query_one("SELECT 1 FROM quotes WHERE work_order_id = $1 AND state = 'accepted'",
                         {id}))
            .has_value();
    if (w.quote_required && t.state == "reported" && !accepted) {
      return Error(ErrorCode::invalid_transition,
                   "the unit is out of warranty: quote the repair and have it accepted first")
          .with_field("transition", "quote_first", "quote, then accept_quote, then dispatch");
    }
    if (req.engineer_id == 0) {
      invalid.with_field("engineer_id", "required", "the engineer to send");
    } else {
      auto engineer = TRY(find_engineer(ex, req.engineer_id));
      if (!engineer || !engineer->active) {
        invalid.with_field("engineer_id", "not_allowed", "an active engineer of a service centre");
      }
    }
    tr.assignee_id = req.engineer_id;
  } else if (name == "reject") {
    if (req.reason.empty()) invalid.with_field("reason", "required", "why the engineer rejects");
  } else if (name == "appoint") {
    if (!req.appointment_at) {
      invalid.with_field("appointment_at", "required", "the visit slot agreed with the customer");
    }
  } else if (name == "cancel") {
    tr.resolution = req.reason;
  }
  if (req.resolution) tr.resolution = req.resolution;
  if (!invalid.fields.empty()) return invalid;

  const Ticket next = TRY(
      apply_ticket_transition(ex, actor, now, t, expected_version, tr, work_order_ownership(t)));

  if (name == "check_in") {
    // The on-site clock stops at the engineer's arrival.
    TRY_VOID(record_ticket_event(ex, id, now, "arrived_on_site"));
    TRY_VOID(refresh_ticket_sla(ex, id, now));
  }
  if (name == "dispatch") {
    // Dispatched by hand or automatically: no longer in the claim pool.
    TRY_VOID(ex.exec("DELETE FROM dispatch_pool WHERE work_order_id = $1", {id}));
  }
  if (name == "appoint") {
    // The slot on the engineer's working calendar (off duty, absent, overlapping: a problem).
    TRY_VOID(book_appointment(
        ex, w, *req.appointment_at,
        req.appointment_ends_at.value_or(*req.appointment_at + Duration::of_hours(2))));
    const std::string at = format_rfc3339(*req.appointment_at);
    TRY_VOID(ex.exec("UPDATE work_orders SET appointment_at = $2 WHERE ticket_id = $1", {id, at}));
    // Agreeing the slot answers the customer.
    TRY_VOID(insert_journal_entry(
        ex, actor, now, next, "public",
        "预约上门时间 / Appointment: " + format_rfc3339(*req.appointment_at, 8 * 3600, false)));
    TRY_VOID(write_audit(
        ex, actor, now, "ticket", id, "appointment",
        {{"appointment_at",
          w.appointment_at ? std::optional(format_rfc3339(*w.appointment_at)) : std::nullopt,
          at}}));
  }
  if (name == "dispatch" || name == "reject" || name == "accept") {
    TRY_VOID(write_audit(
        ex, actor, now, "ticket", id, name,
        {{"engineer_id", id_text(t.assignee_id), id_text(next.assignee_id)},
         {"reason", std::nullopt, req.reason.empty() ? std::nullopt : std::optional(req.reason)}}));
    if (!req.reason.empty()) {
      TRY_VOID(insert_journal_entry(ex, actor, now, next, "internal",
                                    (name == "reject"   ? "拒单 / Rejected: "
                                     : name == "accept" ? "接单 / Accepted: "
                                                        : "派工 / Dispatched: ") +
                                        req.reason));
    }
  }
  TRY_VOID(refresh_work_order_facts(ex, id, now));  // service-quality figures (app/kpi)
  TRY_VOID(emit_event(ex, actor, now, "work_order." + name, "ticket", id,
                      "{\"number\":\"" + t.number + "\"}"));
  auto reloaded = TRY(find_work_order(ex, id));
  return *reloaded;
}

}  // namespace fuwu::app
