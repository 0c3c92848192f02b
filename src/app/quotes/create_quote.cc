#include <cmath>

#include "app/parts/part.h"
#include "app/platform/audit.h"
#include "app/platform/outbox.h"
#include "app/quotes/quote.h"
#include "app/work_orders/work_order.h"
#include "base/money.h"

namespace fuwu::app {

Result<Quote> create_quote(store::Executor& ex, const Actor& actor, Instant now,
                           const NewQuote& in) {
  if (!access::can(actor.principal, "quote.write")) {
    return Error(ErrorCode::permission_denied, "you may not write quotes");
  }
  auto w = get_work_order(ex, actor, in.work_order_id);
  if (!w.ok()) {
    return Error(ErrorCode::validation_failed, "no such work order")
        .with_field("work_order_id", "not_found", "a work order you may see");
  }
  if (w->ticket.state != "reported") {
    return Error(ErrorCode::invalid_transition, "only a reported work order is quoted")
        .with_field("work_order_id", "not_allowed", "the order is " + w->ticket.state);
  }
  Error e(ErrorCode::validation_failed, "the quote is not valid");
  std::vector<aftersales::QuoteLine> lines;
  std::vector<std::int64_t> part_ids;
  for (std::size_t i = 0; i < in.lines.size(); ++i) {
    const auto& l = in.lines[i];
    const std::string at = "lines/" + std::to_string(i) + "/";
    aftersales::QuoteLine line;
    line.description = l.description;
    line.quantity_milli = l.quantity_milli.value_or(1000);
    line.unit_price = l.unit_price.value_or(0);
    if (l.kind == "labour") {
      line.kind = aftersales::LineKind::labour;
      if (!l.quantity_milli) e.with_field(at + "quantity", "required", "the hours");
      if (!l.unit_price) e.with_field(at + "unit_price", "required", "the rate per hour in fen");
      if (line.description.empty()) line.description = "工时 / Labour";
    } else if (l.kind == "part") {
      line.kind = aftersales::LineKind::part;
      auto part = TRY(find_part(ex, l.part_id));
      if (!part) {
        e.with_field(at + "part_id", "not_found", "a part of the parts master");
      } else {
        if (!l.unit_price) line.unit_price = part->price_cents;
        if (line.description.empty()) line.description = part->number + " " + part->name_zh;
      }
    } else if (l.kind == "travel") {
      line.kind = aftersales::LineKind::travel;
      if (l.per_km) {
        if (!w->distance_km) {
          e.with_field(at + "per_km", "not_allowed", "the work order has no distance");
        } else {
          line.quantity_milli = std::llround(*w->distance_km * 1000);
        }
        if (!l.unit_price) e.with_field(at + "unit_price", "required", "the rate per km in fen");
      } else if (!l.unit_price) {
        e.with_field(at + "unit_price", "required", "the fixed travel cost in fen");
      }
      if (line.description.empty()) line.description = "差旅 / Travel";
    } else if (l.kind == "other") {
      line.kind = aftersales::LineKind::other;
      if (line.description.empty()) e.with_field(at + "description", "required", "what it is");
    } else {
      e.with_field(at + "kind", "not_allowed", "labour, part, travel or other");
    }
    lines.push_back(line);
    part_ids.push_back(l.kind == "part" ? l.part_id : 0);
  }
  auto totals = aftersales::quote_totals(lines, in.tax_rate_bp);
  if (!totals.ok()) {
    for (const auto& f : totals.error().fields)
      e.fields.push_back(f);
  }
  if (!e.fields.empty()) return e;

  const std::string ts = format_rfc3339(now);
  auto rows = TRY(ex.query(
      "INSERT INTO quotes (work_order_id, state, tax_rate_bp, subtotal, tax, total, note, "
      "created_by, created_at) VALUES ($1, 'sent', $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {in.work_order_id, in.tax_rate_bp, totals->subtotal, totals->tax, totals->total, in.note,
       actor.principal.user_id ? store::Value(actor.principal.user_id)
                               : store::Value(store::Null{}),
       ts}));
  const std::int64_t id = rows.at(0).i64(0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    TRY_VOID(
        ex.exec("INSERT INTO quote_lines (quote_id, position, kind, description, part_id, "
                "quantity_milli, unit_price, amount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                {id, static_cast<std::int64_t>(i),
                 std::string(aftersales::line_kind_name(lines[i].kind)), lines[i].description,
                 part_ids[i] ? store::Value(part_ids[i]) : store::Value(store::Null{}),
                 lines[i].quantity_milli, lines[i].unit_price, totals->line_amounts[i]}));
  }
  WorkOrderTransition quote;
  quote.transition = "quote";
  quote.by_record = true;
  TRY_VOID(transition_work_order(ex, actor, now, in.work_order_id, w->ticket.version, quote));
  TRY_VOID(write_audit(ex, actor, now, "quote", id, "create",
                       {{"work_order_id", std::nullopt, std::to_string(in.work_order_id)},
                        {"total", std::nullopt, format_money({totals->total, "CNY"})},
                        {"lines", std::nullopt, std::to_string(lines.size())}}));
  TRY_VOID(emit_event(ex, actor, now, "quote.sent", "quote", id));
  auto q = TRY(find_quote(ex, id));
  return *q;
}

}  // namespace fuwu::app
