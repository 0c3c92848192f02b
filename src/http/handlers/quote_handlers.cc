// /api/v1/quotes: quotes of paid after-sales work — labour, parts, travel and tax — that the
// customer accepts or declines. See app/quotes/quote.h for the rules.
#include <cmath>

#include "app/quotes/quote.h"
#include "base/money.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"
#include "http/handlers/ticket_json.h"

namespace fuwu::http {
namespace {

constexpr TextRule kText{.max_chars = 500, .single_line = true};
constexpr TextRule kNote{.max_chars = 4000};
constexpr IntRange kId{.min = 1};

boost::json::object payment_json(const app::QuotePaymentRecord& p) {
  return {{"id", p.id},
          {"amount", p.amount},
          {"method", p.method},
          {"reference", p.reference},
          {"paid_at", instant_json(p.paid_at)},
          {"recorded_at", instant_json(p.recorded_at)}};
}

boost::json::object quote_json(const app::Quote& q) {
  boost::json::array payments;
  for (const auto& p : q.payments)
    payments.push_back(payment_json(p));
  boost::json::array lines;
  for (const auto& l : q.lines) {
    lines.push_back({{"kind", l.kind},
                     {"description", l.description},
                     {"part_id", l.part_id ? boost::json::value(l.part_id) : nullptr},
                     {"quantity", static_cast<double>(l.quantity_milli) / 1000.0},
                     {"unit_price", l.unit_price},
                     {"amount", l.amount}});
  }
  return {
      {"id", q.id},
      {"work_order_id", q.work_order_id},
      {"state", q.state},
      {"currency", q.currency},
      {"tax_rate_bp", q.tax_rate_bp},
      {"subtotal", q.subtotal},
      {"tax", q.tax},
      {"total", q.total},
      {"total_text", format_money({q.total, q.currency})},
      {"note", q.note},
      {"decided_by",
       q.decided_by.empty() ? boost::json::value(nullptr) : boost::json::value(q.decided_by)},
      {"decided_at", q.decided_at ? boost::json::value(instant_json(*q.decided_at))
                                  : boost::json::value(nullptr)},
      {"decision_reason", q.decision_reason},
      {"signature", q.signature_sha256.empty()
                        ? boost::json::value(nullptr)
                        : boost::json::value(boost::json::object{
                              {"signer", q.decided_by},
                              {"signed_at", opt_time(q.decided_at)},
                              {"sha256", q.signature_sha256},
                              {"url", "/api/v1/quotes/" + std::to_string(q.id) + "/signature"}})},
      {"fee", q.state == "accepted" ? boost::json::value(q.total) : boost::json::value(nullptr)},
      // The latest payment (one payment in full before partial payments existed).
      {"payment", q.payments.empty() ? boost::json::value(nullptr)
                                     : boost::json::value(payment_json(q.payments.back()))},
      {"payments", std::move(payments)},
      {"paid", q.paid_amount.value_or(0)},
      {"balance", q.state == "accepted" ? boost::json::value(app::quote_balance(q))
                                        : boost::json::value(nullptr)},
      {"payment_status", q.state == "accepted" ? boost::json::value(app::quote_payment_status(q))
                                               : boost::json::value(nullptr)},
      {"lines", std::move(lines)},
      {"created_at", instant_json(q.created_at)}};
}

void respond_quote(ApiContext& ctx, int status, const app::Quote& q) {
  if (status == 201) ctx.response.set_header("Location", "/api/v1/quotes/" + std::to_string(q.id));
  respond(ctx, status, quote_json(q));
}

Status list(ApiContext& ctx) {
  const auto wo = TRY(id_query(ctx, "work_order_id"));
  if (!wo) {
    return Error(ErrorCode::invalid_request, "work_order_id is required")
        .with_field("work_order_id", "required", "the work order whose quotes to list");
  }
  std::vector<app::Quote> quotes;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    quotes = TRY(app::list_quotes(ex, ctx.actor(), *wo));
    return {};
  }));
  boost::json::array items;
  for (const auto& q : quotes)
    items.push_back(quote_json(q));
  respond_page(ctx, std::move(items), "", std::nullopt);
  return {};
}

Status create(ApiContext& ctx) {
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewQuote in;
  in.work_order_id = r.integer("work_order_id", Presence::required, kId).value_or(0);
  in.tax_rate_bp =
      r.integer("tax_rate_bp", Presence::optional, {.min = 0, .max = 10000}).value_or(1300);
  in.note = r.text("note", Presence::optional, kNote).value_or("");
  if (const auto* raw = r.raw("lines", Presence::required)) {
    const auto* array = raw->if_array();
    if (array == nullptr) {
      r.add_error(r.pointer_of("lines"), "wrong_type", "an array of lines");
    } else {
      for (std::size_t i = 0; i < array->size() && i <= 200; ++i) {
        auto item = BodyReader::from((*array)[i], r.pointer_of("lines") + "/" + std::to_string(i));
        if (!item.ok()) {
          r.add_errors(Status(std::move(item).error()));
          continue;
        }
        app::QuoteLineInput l;
        l.kind = item->one_of("kind", {"labour", "part", "travel", "other"}, Presence::required)
                     .value_or("");
        l.description = item->text("description", Presence::optional, kText).value_or("");
        l.part_id = item->integer("part_id", Presence::optional, kId).value_or(0);
        if (auto qty = item->number("quantity")) {
          l.quantity_milli = std::llround(*qty * 1000);
        }
        l.unit_price = item->integer("unit_price", Presence::optional, {.min = 0});
        l.per_km = item->boolean("per_km").value_or(false);
        r.add_errors(item->finish());
        in.lines.push_back(std::move(l));
      }
    }
  }
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto q = TRY(app::create_quote(ex, ctx.actor(), ctx.now(), in));
    respond_quote(ctx, 201, q);
    return {};
  });
}

Status get(ApiContext& ctx) {
  return get_by_id(ctx, app::get_quote, respond_quote);
}

Status decide(ApiContext& ctx, bool accept) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::QuoteDecision d;
  d.accept = accept;
  d.signer = r.text("signer", Presence::optional, kText).value_or("");
  d.reason = r.text("reason", Presence::optional, kNote).value_or("");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto q = TRY(app::decide_quote(ex, ctx.actor(), ctx.now(), id, d));
    respond_quote(ctx, 200, q);
    return {};
  });
}

// The customer signs the decision on the engineer's phone: the PNG is the body, the decision,
// the signer and the reason are in the query.
Status sign(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto decision = ctx.query("decision").value_or("");
  if (decision != "accept" && decision != "decline") {
    return Error(ErrorCode::validation_failed, "accept or decline the quote")
        .with_field("decision", decision.empty() ? "required" : "not_allowed", "accept or decline");
  }
  app::QuoteDecision d;
  d.accept = decision == "accept";
  d.signer = TRY(bounded_query(ctx, "signer", 200));
  d.reason = TRY(bounded_query(ctx, "reason", 4000));
  d.signature_png = ctx.request.body;
  d.chunk_bytes = ctx.services.settings.attachments.chunk_bytes;
  return ctx.write([&](store::Executor& ex) -> Status {
    auto q = TRY(app::decide_quote(ex, ctx.actor(), ctx.now(), id, d));
    respond_quote(ctx, 200, q);
    return {};
  });
}

Status get_signature(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  std::string png;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    png = TRY(app::read_quote_signature(ex, ctx.actor(), id));
    return {};
  }));
  respond_file(ctx, std::move(png), "image/png", "quote-signature-" + std::to_string(id) + ".png");
  return {};
}

Status accept(ApiContext& ctx) {
  return decide(ctx, true);
}

Status decline(ApiContext& ctx) {
  return decide(ctx, false);
}

Status pay(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::QuotePayment p;
  p.amount = r.integer("amount", Presence::required, {.min = 1}).value_or(0);
  p.method =
      r.one_of("method", {"cash", "transfer", "card", "wechat", "alipay"}, Presence::required)
          .value_or("");
  p.reference = r.text("reference", Presence::optional, kText).value_or("");
  p.paid_at = r.instant("paid_at");
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto q = TRY(app::record_quote_payment(ex, ctx.actor(), ctx.now(), id, p));
    respond_quote(ctx, 200, q);
    return {};
  });
}

}  // namespace

void add_quote_routes(Router& router) {
  router.add({"GET", "/api/v1/quotes", "listQuotes", Access::permission, "quote.read",
              BodyKind::none, list});
  router.add({"POST", "/api/v1/quotes", "createQuote", Access::permission, "quote.write",
              BodyKind::json, create});
  router.add({"GET", "/api/v1/quotes/{id}", "getQuote", Access::permission, "quote.read",
              BodyKind::none, get});
  router.add({"POST", "/api/v1/quotes/{id}/accept", "acceptQuote", Access::permission, "quote.read",
              BodyKind::json, accept});
  router.add({"POST", "/api/v1/quotes/{id}/decline", "declineQuote", Access::permission,
              "quote.read", BodyKind::json, decline});
  router.add({"POST", "/api/v1/quotes/{id}/signature", "signQuote", Access::permission,
              "quote.read", BodyKind::upload, sign});
  router.add({"GET", "/api/v1/quotes/{id}/signature", "getQuoteSignature", Access::permission,
              "quote.read", BodyKind::none, get_signature});
  router.add({"POST", "/api/v1/quotes/{id}/payment", "recordQuotePayment", Access::permission,
              "quote.pay", BodyKind::json, pay});
}

}  // namespace fuwu::http
