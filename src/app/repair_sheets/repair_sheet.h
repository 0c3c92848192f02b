// The repair sheet of a work order (产品维修单 / 售后服务报告单, seed 004 §5.1.8–9, seed 001):
// fault phenomenon, fault code from the catalogue of the unit's product line, cause, solution,
// parts replaced (consumed from the engineer's own stock) and faulty parts returned (to the
// central warehouse), the self-check, the customer's verdict and the customer's signature drawn
// on the engineer's phone; a repeat repair (same unit, same fault code within the window) is
// linked to the earlier order and counted against it. Use cases, one per file in this folder,
// each inside the caller's unit of work.
//
// Access: the sheet is as visible as its work order (work_order.read). Writing it needs
// work_order.work (the engineer it is dispatched to) or work_order.write (the service desk), while
// the order is on site, waiting for parts or repaired; after signing it is read-only. Parts go
// through record_stock_movement under the caller, so the engineer's stock.move rules hold. The
// fault-code catalogue: product.read / product.write.
//
// The signature signs the order: only from state repaired (else invalid_transition), only with
// the sheet complete (fault phenomenon, solution, self-check passed, the customer's verdict), as
// a PNG of at most kMaxSignatureBytes (check_signature_image in app/attachments: else
// validation_failed / payload_too_large, nothing written). The image is stored once per content in
// blobs, with the signer's name and the time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/platform/context.h"

namespace fuwu::app {

struct FaultCode {
  std::int64_t id = 0;
  std::int64_t product_line_id = 0;
  std::string code;
  std::string label_zh;
  std::string label_en;
  Instant created_at;
};

struct SheetMovement {
  std::int64_t movement_id = 0;
  std::int64_t part_id = 0;
  std::string part_number;
  std::string part_name;
  std::string unit;
  std::int64_t quantity = 0;
  std::int64_t warehouse_id = 0;  // consumption: taken from; faulty return: sent to
  Instant at;
};

struct OrderLink {
  std::int64_t id = 0;
  std::string number;
};

struct RepairSheet {
  std::int64_t work_order_id = 0;
  std::string fault_phenomenon;
  std::optional<FaultCode> fault_code;
  std::string cause;
  std::string solution;
  std::string self_check;  // "" | passed | failed
  std::string self_check_note;
  std::string customer_verdict;  // "" | satisfied | fairly_satisfied | neutral | dissatisfied
  std::string customer_comment;
  std::string signature_sha256;  // "" until signed
  std::string signer_name;
  std::optional<Instant> signed_at;
  std::optional<OrderLink> repeat_of;  // this order repeats that one
  std::vector<OrderLink> repeats;      // later orders counted against this one
  std::vector<SheetMovement> parts_replaced;
  std::vector<SheetMovement> faulty_returned;
  std::int64_t version = 0;  // 0: nothing stored yet
  std::optional<Instant> updated_at;
};

struct RepairSheetPatch {
  std::optional<std::string> fault_phenomenon;
  std::optional<std::string> fault_code;  // a code of the unit's product line; "" clears
  std::optional<std::string> cause;
  std::optional<std::string> solution;
  std::optional<std::string> self_check;
  std::optional<std::string> self_check_note;
  std::optional<std::string> customer_verdict;
  std::optional<std::string> customer_comment;
};

struct SheetPartInput {
  std::int64_t part_id = 0;
  std::int64_t quantity = 1;
  std::optional<bool> return_faulty;  // default: the part's returnable flag
};

struct SignatureInput {
  std::string signer_name;
  std::string png;
  std::int64_t chunk_bytes = 1024 * 1024;  // how blobs are chunked (attachments.chunk_bytes)
};

Result<std::vector<FaultCode>> list_fault_codes(store::Executor& ex, const Actor& actor,
                                                std::int64_t product_line_id);
Result<FaultCode> create_fault_code(store::Executor& ex, const Actor& actor, Instant now,
                                    const FaultCode& input);

Result<RepairSheet> get_repair_sheet(store::Executor& ex, const Actor& actor,
                                     std::int64_t work_order_id);
// Repeat repairs are looked for when the fault code changes, within repeat_window_days before
// the order's report date (the administrators' after-sales setting, app/settings/
// aftersales_settings.h, default 90).
Result<RepairSheet> update_repair_sheet(store::Executor& ex, const Actor& actor, Instant now,
                                        std::int64_t work_order_id, std::int64_t expected_version,
                                        const RepairSheetPatch& patch, int repeat_window_days);
// Consumes the part from the stock of the engineer the order is dispatched to and, when
// returnable, sends the faulty one back to the central warehouse. validation_failed with
// part_id not_in_stock when that stock holds none, quantity insufficient_stock when too few.
Result<RepairSheet> add_repair_sheet_part(store::Executor& ex, const Actor& actor, Instant now,
                                          std::int64_t work_order_id, const SheetPartInput& input);
Result<RepairSheet> sign_repair_sheet(store::Executor& ex, const Actor& actor, Instant now,
                                      std::int64_t work_order_id, std::int64_t expected_version,
                                      const SignatureInput& input);
// The signature image (PNG); not_found before signing.
Result<std::string> read_repair_sheet_signature(store::Executor& ex, const Actor& actor,
                                                std::int64_t work_order_id);
// The sheet as a PDF in Chinese (with English labels), for the customer.
Result<std::string> repair_sheet_pdf(store::Executor& ex, const Actor& actor, Instant now,
                                     std::int64_t work_order_id);

// The signed sheet goes to the customer by e-mail with its PDF attached. One pass inside the
// caller's write unit: reads work_order.sign after the consumer's cursor and writes one e-mail
// delivery (template repair_sheet.signed, the recipient's language, the PDF stored as a blob and
// attached) per recipient — the order's requester when one of the customer's people has an
// e-mail, else the customer's people with an e-mail (contacts first, at most
// kMaxSheetRecipients) — and enqueues its notify.deliver job. Skipped deliveries when no SMTP
// server is configured; a sheet whose PDF cannot be rendered gets a failed delivery saying why.
// Returns the number of jobs enqueued.
inline constexpr std::string_view kRepairSheetMailConsumer = "repair_sheets.pdf_mails";
inline constexpr std::string_view kRepairSheetMail = "repair_sheet.signed";
inline constexpr int kMaxSheetRecipients = 5;
struct DispatchOptions;
Result<int> plan_repair_sheet_mails(store::Executor& ex, Instant now,
                                    const DispatchOptions& options);

// Shared by the use cases of this folder.
Result<RepairSheet> load_repair_sheet(store::Executor& ex, std::int64_t work_order_id);
// The write permission of the sheet (work_order.work or work_order.write on the order).
bool may_write_sheet(const Actor& actor, const access::RecordOwnership& order);
// not_found unless the product line exists.
Status product_line_exists(store::Executor& ex, std::int64_t id);

}  // namespace fuwu::app
