// Quotes of after-sales work orders (报价): a repair out of warranty is quoted before an engineer
// is sent; the customer accepts or declines (seed 004 §5.1.16). Use cases, one per file in this
// folder, each inside the caller's unit of work.
//
// A quote is visible to whoever sees its work order and holds "quote.read". Creating one needs
// "quote.write" and a work order in state reported; it moves the order to quoted. Accepting or
// declining moves the order to quote_accepted or declined (permission work_order.decide: the
// customer, or the service desk on their behalf) and records who decided, when and why.
//
// The fee of an accepted quote is its total, paid in one or several payments (amount, method,
// reference, when) recorded with "quote.pay" (the service desk, or the engineer collecting on
// site): the balance is the total less the payments; the quote is paid when it reaches zero;
// a payment above the balance is refused.
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

struct QuotePaymentRecord {
  std::int64_t id = 0;
  std::int64_t amount = 0;  // fen
  std::string method;
  std::string reference;
  Instant paid_at;
  Instant recorded_at;
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
  std::string signature_sha256;  // "" unless the customer signed the decision on the phone
  std::optional<std::int64_t> paid_amount;   // fen, the sum of the payments (none: nullopt)
  std::vector<QuotePaymentRecord> payments;  // oldest first (the latest is payments.back())
  std::vector<QuoteLineRecord> lines;
  Instant created_at;
};

Result<Quote> create_quote(store::Executor& ex, const Actor& actor, Instant now,
                           const NewQuote& input);
Result<Quote> get_quote(store::Executor& ex, const Actor& actor, std::int64_t id);
Result<std::vector<Quote>> list_quotes(store::Executor& ex, const Actor& actor,
                                       std::int64_t work_order_id);
struct QuoteDecision {
  bool accept = false;  // true: accept_quote, false: decline_quote
  std::string signer;   // who decided (default: the actor's login); required with a signature
  std::string reason;
  // The customer's signature drawn on the engineer's phone (PNG, check_signature_image).
  std::optional<std::string> signature_png;
  std::int64_t chunk_bytes = 1024 * 1024;  // how blobs are chunked (attachments.chunk_bytes)
};
// The customer decides in the portal (work_order.decide on their organisation's order) or the
// service desk decides for them. On the engineer's phone the customer signs: the engineer the
// order is assigned to decides (work_order.decide with scope own) only with a signature, which
// is stored with the signer's name and the time of the decision.
Result<Quote> decide_quote(store::Executor& ex, const Actor& actor, Instant now, std::int64_t id,
                           const QuoteDecision& decision);
// The customer's signature of the decision (PNG); not_found when decided without one.
Result<std::string> read_quote_signature(store::Executor& ex, const Actor& actor, std::int64_t id);

struct QuotePayment {
  std::int64_t amount = 0;  // fen
  std::string method;
  std::string reference;
  std::optional<Instant> paid_at;  // default: now
};
// The balance still owed on an accepted quote (its total less the payments); 0 otherwise.
std::int64_t quote_balance(const Quote& q);
// "unpaid", "partial" or "paid" for an accepted quote; "" otherwise.
std::string quote_payment_status(const Quote& q);

// Records one payment of an accepted quote: at most the balance (validation_failed, amount
// exceeds_balance); a quote paid in full takes no more (conflict).
Result<Quote> record_quote_payment(store::Executor& ex, const Actor& actor, Instant now,
                                   std::int64_t id, const QuotePayment& payment);

// Shared by the use cases of this folder.
Result<std::optional<Quote>> find_quote(store::Executor& ex, std::int64_t id);

}  // namespace fuwu::app
