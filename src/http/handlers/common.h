// Helpers shared by the handler files: JSON bodies in and out, pagination, ETags.
// Included only by handler .cc files (it pulls in Boost.JSON).
#pragma once

#include <boost/json.hpp>
#include <memory>

#include "http/api.h"
#include "http/body_reader.h"
#include "http/json_body.h"

namespace fuwu::http {

// Parses the request body as a JSON object and returns a reader over it (400/413 on failure).
// The parsed value lives on the heap so the reader's pointer into it survives moves of JsonBody.
struct JsonBody {
  std::unique_ptr<boost::json::value> value;
  std::optional<BodyReader> reader;
};
Result<JsonBody> read_json_body(const ApiContext& ctx);

// Opaque keyset cursors: base64url of "<kind>:<last id>". A cursor for another list or one
// that was tampered with is a 400 with field "cursor".
std::string encode_cursor(std::string_view kind, std::int64_t after_id);
Result<std::int64_t> decode_cursor(std::string_view kind, std::string_view cursor);

struct PageRequest {
  std::int64_t after_id = 0;
  int limit = 50;
};
// Reads ?cursor= and ?limit= (1..200, default 50).
Result<PageRequest> page_request(const ApiContext& ctx, std::string_view kind);

// An optional id in the query string (?group_id=7); 400 with the field unless digits.
Result<std::optional<std::int64_t>> id_query(const ApiContext& ctx, std::string_view name);
// An optional RFC 3339 instant in the query string (?created_from=2026-11-22T16:00:00Z), returned
// in the stored UTC form; 400 with the field when it does not parse.
Result<std::optional<std::string>> instant_query(const ApiContext& ctx, std::string_view name);

std::string etag(std::int64_t version);
std::string instant_json(Instant t);

void respond(ApiContext& ctx, int status, const boost::json::value& body);
// 200 with an XLSX workbook as a download named `filename` (ASCII), never cached or sniffed.
void respond_xlsx(ApiContext& ctx, std::string filename, std::string bytes);
// 200 with a stored file shown inline (a signature image, a PDF) in a sandbox, never cached.
void respond_file(ApiContext& ctx, std::string bytes, const char* type, const std::string& name);
// A query parameter ("" when absent) of at most `max_bytes`; longer is a validation problem naming
// it (too_long). For the text that rides with an uploaded body, such as a signer's name.
Result<std::string> bounded_query(const ApiContext& ctx, const char* name, std::size_t max_bytes);
// 200 with {"items": items, "next_cursor": the cursor of `kind` after `next`, or null}.
void respond_page(ApiContext& ctx, boost::json::array items, std::string_view kind,
                  std::optional<std::int64_t> next);

// GET of one record by its numeric {id}: `load(ex, actor, id)` is the use case (not_found outside
// the caller's reach), `render(ctx, status, record)` writes the response with its ETag.
template <typename Load, typename Render>
Status get_by_id(ApiContext& ctx, Load load, Render render) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto record = TRY(load(ex, ctx.actor(), id));
    render(ctx, 200, record);
    return {};
  });
}

}  // namespace fuwu::http
