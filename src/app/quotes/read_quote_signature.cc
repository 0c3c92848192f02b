#include "app/attachments/attachments.h"
#include "app/quotes/quote.h"

namespace fuwu::app {

Result<std::string> read_quote_signature(store::Executor& ex, const Actor& actor, std::int64_t id) {
  const auto q = TRY(get_quote(ex, actor, id));
  if (q.signature_sha256.empty()) {
    return Error(ErrorCode::not_found, "the quote was not signed on the phone");
  }
  return read_blob(ex, q.signature_sha256);
}

}  // namespace fuwu::app
