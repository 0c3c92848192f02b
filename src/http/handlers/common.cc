#include "http/handlers/common.h"

#include "http/handlers/download.h"

#include "base/crypto.h"

namespace fuwu::http {

Result<JsonBody> read_json_body(const ApiContext& ctx) {
  JsonBody out;
  out.value = std::make_unique<boost::json::value>(TRY(parse_json_body(ctx.request.body)));
  out.reader = TRY(BodyReader::from(*out.value));
  return out;
}

std::string encode_cursor(std::string_view kind, std::int64_t after_id) {
  return crypto::base64url_encode(std::string(kind) + ":" + std::to_string(after_id));
}

Result<std::int64_t> decode_cursor(std::string_view kind, std::string_view cursor) {
  auto bad = [] {
    return Error(ErrorCode::invalid_request, "the cursor is not valid for this list")
        .with_field("cursor", "invalid_format", "use the next_cursor of this list's last page");
  };
  auto raw = crypto::base64url_decode(cursor);
  if (!raw.ok()) return bad();
  const std::string& s = *raw;
  if (s.size() <= kind.size() + 1 || !s.starts_with(kind) || s[kind.size()] != ':') return bad();
  std::int64_t n = 0;
  const std::string_view digits = std::string_view(s).substr(kind.size() + 1);
  if (digits.size() > 18) return bad();
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    n = n * 10 + (c - '0');
  }
  return n;
}

Result<PageRequest> page_request(const ApiContext& ctx, std::string_view kind) {
  PageRequest p;
  if (auto c = ctx.query("cursor"); c && !c->empty()) p.after_id = TRY(decode_cursor(kind, *c));
  if (auto l = ctx.query("limit")) {
    int n = 0;
    bool ok = !l->empty() && l->size() <= 4;
    for (char ch : *l) {
      if (ch < '0' || ch > '9') ok = false;
      if (ok) n = n * 10 + (ch - '0');
    }
    if (!ok || n < 1 || n > 200) {
      return Error(ErrorCode::invalid_request, "limit must be a whole number from 1 to 200")
          .with_field("limit", "out_of_range", "1 to 200");
    }
    p.limit = n;
  }
  return p;
}

Result<std::optional<std::int64_t>> id_query(const ApiContext& ctx, std::string_view name) {
  auto v = ctx.query(name);
  if (!v) return std::optional<std::int64_t>();
  std::int64_t n = 0;
  bool ok = !v->empty() && v->size() <= 18;
  for (char c : *v) {
    if (c < '0' || c > '9') ok = false;
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok) {
    return Error(ErrorCode::invalid_request, "not an id")
        .with_field(std::string(name), "invalid_format", "a positive whole number");
  }
  return std::optional<std::int64_t>(n);
}

Result<std::optional<std::string>> instant_query(const ApiContext& ctx, std::string_view name) {
  auto v = ctx.query(name);
  if (!v) return std::optional<std::string>();
  auto t = parse_rfc3339(*v);
  if (!t) {
    return Error(ErrorCode::invalid_request, "not an RFC 3339 instant")
        .with_field(std::string(name), "invalid_format",
                    "an RFC 3339 instant such as 2026-11-22T16:00:00Z");
  }
  return std::optional<std::string>(format_rfc3339(*t));
}

std::string etag(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

std::string instant_json(Instant t) {
  return format_rfc3339(t);
}

void respond(ApiContext& ctx, int status, const boost::json::value& body) {
  ctx.json(status, boost::json::serialize(body));
}

namespace {

// 200 with stored bytes, never cached: `disposition` is "attachment" (a download) or "inline".
void respond_bytes(ApiContext& ctx, const char* type, const char* disposition,
                   const std::string& filename, std::string bytes) {
  auto& res = ctx.response;
  res.status = 200;
  res.set_header("Content-Type", type);
  res.set_header("Content-Disposition",
                 std::string(disposition) + "; filename=\"" + filename + "\"");
  res.set_header("Cache-Control", "private, no-cache");
  res.body = std::move(bytes);
}

void respond_download(ApiContext& ctx, const char* type, const std::string& filename,
                      std::string bytes) {
  respond_bytes(ctx, type, "attachment", filename, std::move(bytes));
  ctx.response.set_header("X-Content-Type-Options", "nosniff");
}

}  // namespace

void respond_xlsx(ApiContext& ctx, std::string filename, std::string bytes) {
  respond_download(ctx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   filename, std::move(bytes));
}

void respond_pdf(ApiContext& ctx, std::string filename, std::string bytes) {
  respond_download(ctx, "application/pdf", filename, std::move(bytes));
}

Result<report::Language> document_language(const ApiContext& ctx) {
  if (auto lang = ctx.query("lang")) {
    if (auto known = report::language_of(*lang)) return *known;
    return Error(ErrorCode::invalid_request, "not a language of the documents")
        .with_field("lang", "not_allowed", "zh-CN or en");
  }
  // The first Chinese or English entry of Accept-Language, in the order given (weights are
  // rarely out of order in browsers' headers).
  std::string_view header = ctx.request.header("accept-language");
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    if (item.size() >= 2 && (item[0] == 'e' || item[0] == 'E') &&
        (item[1] == 'n' || item[1] == 'N')) {
      return report::Language::en;
    }
    if (item.size() >= 2 && (item[0] == 'z' || item[0] == 'Z') &&
        (item[1] == 'h' || item[1] == 'H')) {
      return report::Language::zh_cn;
    }
  }
  return report::Language::zh_cn;
}

void respond_file(ApiContext& ctx, std::string bytes, const char* type, const std::string& name) {
  respond_bytes(ctx, type, "inline", name, std::move(bytes));
  ctx.response.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
}

Result<std::string> bounded_query(const ApiContext& ctx, const char* name, std::size_t max_bytes) {
  std::string value = ctx.query(name).value_or("");
  if (value.size() > max_bytes) {
    return Error(ErrorCode::validation_failed, std::string("the ") + name + " is too long")
        .with_field(name, "too_long", "at most " + std::to_string(max_bytes) + " bytes");
  }
  return value;
}

void respond_page(ApiContext& ctx, boost::json::array items, std::string_view kind,
                  std::optional<std::int64_t> next) {
  boost::json::object out{{"items", std::move(items)}};
  out["next_cursor"] = next ? boost::json::value(encode_cursor(kind, *next)) : nullptr;
  respond(ctx, 200, out);
}

}  // namespace fuwu::http
