// Quotes of after-sales work orders (报价): a repair out of warranty is quoted before an engineer
// is sent; the customer accepts or declines (seed 004 §5.1.16). Use cases, one per file in this
// folder, each inside the caller's unit of work.
//
// A quote is visible to whoever sees its work order and holds "quote.read". Creating one needs
// "quote.write" and a work order in state reported; it moves the order to quoted. Accepting or
// declining moves the order to quote_accepted or declined (permission work_order.decide: the
// customer, or the service desk on their behalf) and records who decided, when and why.
//
// The fee of an accepted quote is its total; its payment (amount, method, reference, when) is
// recorded once with "quote.pay" (the service desk, or the engineer collecting on site).
//
// Lines: labour (hours × rate), part (a part of the parts master; unit price from its list price
// unless given), travel (per km × the work order's distance when per_km, else a fixed amount),
// other. Tax in basis points (default 1300 = 13 %).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"
#include "domain/aftersales/quote.h"

namespace fuwu::app {

struct QuoteLineInput {
  std::string kind;
  std::string description;
  std::int64_t part_id = 0;
  std::optional<std::int64_t> quantity_milli;
  std::optional<std::int64_t> unit_price;
  bool per_km = false;
};

struct NewQuote {
  std::int64_t work_order_id = 0;
  std::vector<QuoteLineInput> lines;
  std::int64_t tax_rate_bp = 1300;
  std::string note;
};

struct QuoteLineRecord {
  std::string kind;
  std::string description;
  std::int64_t part_id = 0;
  std::int64_t quantity_milli = 0;
  std::int64_t unit_price = 0;
  std::int64_t amount = 0;
};

struct Quote {
  std::int64_t id = 0;
  std::int64_t work_order_id = 0;
  std::string state;  // sent | accepted | declined
  std::string currency = "CNY";
  std::int64_t tax_rate_bp = 0;
  std::int64_t subtotal = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;
  std::string note;
  std::string decided_by;
  std::optional<Instant> decided_at;
  std::string decision_reason;
  std::optional<std::int64_t> paid_amount;  // fen, once the payment is recorded
  std::string payment_method;               // cash | transfer | card | wechat | alipay
  std::string payment_reference;
  std::optional<Instant> paid_at;
  std::vector<QuoteLineRecord> lines;
  Instant created_at;
};

Result<Quote> create_quote(store::Executor& ex, const Actor& actor, Instant now,
                           const NewQuote& input);
Result<Quote> get_quote(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<std::vector<Quote>> list_quotes(store::Executor& ex, const Actor& actor,
                                       std::int64_t work_order_id);
// accept true: accept_quote, false: decline_quote. `signer` names who decided (default: the
// actor's login).
Result<Quote> decide_quote(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           bool accept, const std::string& signer, const std::string& reason);

struct QuotePayment {
  std::int64_t amount = 0;  // fen
  std::string method;
  std::string reference;
  std::optional<Instant> paid_at;  // default: now
};
// Records the payment of an accepted quote: once; the amount is the quote's total.
Result<Quote> record_quote_payment(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t id, const QuotePayment& payment);

// Shared by the use cases of this folder.
Result<std::optional<Quote>> find_quote(store::Executor& ex, std::int64_t id);

}  // namespace fuwu::app
