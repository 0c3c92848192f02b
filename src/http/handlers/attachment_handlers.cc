// Attachments: chunked uploads (create → PUT chunks → complete), lists, metadata, and the bytes,
// always as a download (Content-Disposition: attachment) except raster images on the sandboxed
// inline route.
#include "app/attachments/attachments.h"
#include "http/handlers/common.h"
#include "http/handlers/handlers.h"

namespace fuwu::http {
namespace {

boost::json::value opt_id(std::int64_t v) {
  return v ? boost::json::value(v) : nullptr;
}

boost::json::object attachment_json(const app::Attachment& a) {
  const std::string base = "/api/v1/attachments/" + std::to_string(a.id);
  const bool image = attachment::inline_image(a.content_type);
  return {{"id", a.id},
          {"record_type", a.record_type},
          {"record_id", a.record_id},
          {"filename", a.filename},
          {"size", a.size},
          {"content_type", a.content_type},
          {"sha256", a.sha256},
          {"visibility", a.visibility},
          {"journal_entry_id", opt_id(a.journal_entry_id)},
          {"created_by", opt_id(a.created_by)},
          {"created_at", instant_json(a.created_at)},
          {"download_url", base + "/content"},
          {"inline_url", image ? boost::json::value(base + "/inline") : nullptr}};
}

boost::json::object upload_json(const app::Upload& u) {
  boost::json::array received;
  for (auto i : u.received)
    received.push_back(i);
  return {{"id", u.id},
          {"record_type", u.record_type},
          {"record_id", u.record_id},
          {"filename", u.filename},
          {"size", u.size},
          {"sha256", u.sha256},
          {"visibility", u.visibility},
          {"journal_entry_id", opt_id(u.journal_entry_id)},
          {"chunk_bytes", u.chunk_bytes},
          {"chunk_count", u.chunk_count},
          {"received", std::move(received)},
          {"complete_url", "/api/v1/uploads/" + std::to_string(u.id) + "/complete"},
          {"created_at", instant_json(u.created_at)},
          {"expires_at", instant_json(u.expires_at)}};
}

const attachment::Limits& limits(const ApiContext& ctx) {
  return ctx.services.settings.attachments;
}

Status create_ticket_upload(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  auto body = TRY(read_json_body(ctx));
  auto& r = *body.reader;
  app::NewUpload in;
  in.record_type = "ticket";
  in.record_id = id;
  // The name's own rules (attachment::check_filename) give the precise field error.
  in.filename =
      r.text("filename", Presence::required, {.max_chars = 1000, .trim = false}).value_or("");
  in.size = r.integer("size", Presence::required, {0, INT64_MAX}).value_or(0);
  in.sha256 =
      r.text("sha256", Presence::required, {.max_chars = 200, .single_line = true}).value_or("");
  in.visibility = r.one_of("visibility", {"public", "internal"}).value_or("public");
  in.journal_entry_id =
      r.integer("journal_entry_id", Presence::optional, {1, INT64_MAX}).value_or(0);
  TRY_VOID(r.finish());
  return ctx.write([&](store::Executor& ex) -> Status {
    auto u = TRY(app::create_upload(ex, ctx.actor(), ctx.now(), limits(ctx), in));
    ctx.response.set_header("Location", "/api/v1/uploads/" + std::to_string(u.id));
    respond(ctx, 201, upload_json(u));
    return {};
  });
}

Status get_upload(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto u = TRY(app::get_upload(ex, ctx.actor(), ctx.now(), id));
    respond(ctx, 200, upload_json(u));
    return {};
  });
}

Result<std::int64_t> chunk_index(const ApiContext& ctx) {
  std::string_view v = ctx.params.get("index");
  std::int64_t n = 0;
  bool ok = !v.empty() && v.size() <= 9;
  for (char c : v) {
    if (c < '0' || c > '9') ok = false;
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok) {
    return Error(ErrorCode::validation_failed, "not a chunk index")
        .with_field("index", "invalid_format", "a whole number from 0");
  }
  return n;
}

Status put_chunk(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  const auto index = TRY(chunk_index(ctx));
  return ctx.write([&](store::Executor& ex) -> Status {
    auto u = TRY(app::put_upload_chunk(ex, ctx.actor(), ctx.now(), id, index, ctx.request.body));
    respond(ctx, 200, upload_json(u));
    return {};
  });
}

Status complete(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  if (!ctx.request.body.empty()) {
    return Error(ErrorCode::invalid_request, "complete takes no body");
  }
  return ctx.write([&](store::Executor& ex) -> Status {
    auto a = TRY(app::complete_upload(ex, ctx.actor(), ctx.now(), limits(ctx), id));
    ctx.response.set_header("Location", "/api/v1/attachments/" + std::to_string(a.id));
    respond(ctx, 201, attachment_json(a));
    return {};
  });
}

Status abandon(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_upload(ex, ctx.actor(), ctx.now(), id));
    ctx.response.status = 204;
    return {};
  });
}

Status remove_attachment(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.write([&](store::Executor& ex) -> Status {
    TRY_VOID(app::delete_attachment(ex, ctx.actor(), ctx.now(), id));
    ctx.response.status = 204;
    return {};
  });
}

Status list_ticket_attachments(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto items = TRY(app::list_attachments(ex, ctx.actor(), "ticket", id));
    boost::json::array out;
    for (const auto& a : items)
      out.push_back(attachment_json(a));
    respond(ctx, 200, boost::json::object{{"items", std::move(out)}});
    return {};
  });
}

Status get_attachment(ApiContext& ctx) {
  const auto id = TRY(ctx.id_param());
  return ctx.read([&](store::Executor& ex) -> Status {
    auto a = TRY(app::get_attachment(ex, ctx.actor(), id));
    respond(ctx, 200, attachment_json(a));
    return {};
  });
}

// The bytes, with headers that keep a browser from running them: a download, never sniffed, and
// a sandbox CSP in case the document is opened anyway.
Status serve_content(ApiContext& ctx, attachment::Disposition disposition) {
  const auto id = TRY(ctx.id_param());
  app::AttachmentContent c;
  TRY_VOID(ctx.read([&](store::Executor& ex) -> Status {
    c = TRY(app::read_attachment(ex, ctx.actor(), id));
    return {};
  }));
  const bool inline_view = disposition == attachment::Disposition::inline_view;
  if (inline_view && !attachment::inline_image(c.attachment.content_type)) {
    return Error(ErrorCode::unsupported_media_type,
                 "only raster images are shown inline; download it from /content");
  }
  auto& res = ctx.response;
  res.status = 200;
  res.set_header("Content-Type",
                 inline_view ? c.attachment.content_type : "application/octet-stream");
  res.set_header("Content-Disposition",
                 attachment::content_disposition(disposition, c.attachment.filename));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
  res.set_header("ETag", "\"" + c.attachment.sha256 + "\"");
  res.set_header("Cache-Control", "private, no-cache");
  res.body = std::move(c.bytes);
  return {};
}

Status download(ApiContext& ctx) {
  return serve_content(ctx, attachment::Disposition::attachment);
}

Status view_inline(ApiContext& ctx) {
  return serve_content(ctx, attachment::Disposition::inline_view);
}

}  // namespace

void add_attachment_routes(Router& router) {
  router.add({"POST", "/api/v1/tickets/{id}/uploads", "createTicketUpload", Access::permission,
              "ticket.read", BodyKind::json, create_ticket_upload});
  router.add({"GET", "/api/v1/tickets/{id}/attachments", "listTicketAttachments",
              Access::permission, "ticket.read", BodyKind::none, list_ticket_attachments});
  // Uploads belong to their creator; attachments are checked against their record's access.
  router.add({"GET", "/api/v1/uploads/{id}", "getUpload", Access::authenticated, "", BodyKind::none,
              get_upload});
  router.add({"DELETE", "/api/v1/uploads/{id}", "deleteUpload", Access::authenticated, "",
              BodyKind::none, abandon});
  router.add({"PUT", "/api/v1/uploads/{id}/chunks/{index}", "putUploadChunk", Access::authenticated,
              "", BodyKind::upload, put_chunk});
  router.add({"POST", "/api/v1/uploads/{id}/complete", "completeUpload", Access::authenticated, "",
              BodyKind::none, complete});
  router.add({"GET", "/api/v1/attachments/{id}", "getAttachment", Access::authenticated, "",
              BodyKind::none, get_attachment});
  router.add({"DELETE", "/api/v1/attachments/{id}", "deleteAttachment", Access::authenticated, "",
              BodyKind::none, remove_attachment});
  router.add({"GET", "/api/v1/attachments/{id}/content", "downloadAttachment",
              Access::authenticated, "", BodyKind::none, download});
  router.add({"GET", "/api/v1/attachments/{id}/inline", "viewAttachmentInline",
              Access::authenticated, "", BodyKind::none, view_inline});
}

}  // namespace fuwu::http
