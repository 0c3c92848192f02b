#include "mail/parse.h"

#include <algorithm>
#include <mutex>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <gmime/gmime.h>

namespace fuwu::mail {
namespace {

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string header(GMimeObject* o, const char* name) {
  const char* v = g_mime_object_get_header(o, name);
  if (!v) return "";
  std::string s(v);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
    ++i;
  return s.substr(i);
}

std::string bytes_of(GMimePart* part) {
  GMimeDataWrapper* w = g_mime_part_get_content(part);
  if (!w) return "";
  GMimeStream* mem = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(w, mem);
  GByteArray* arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  std::string out(reinterpret_cast<const char*>(arr->data), arr->len);
  g_object_unref(mem);
  return out;
}

std::string to_utf8_raw(const std::string& bytes, std::string charset);

// `bytes` in `charset` as UTF-8 without NUL characters (databases refuse them); invalid
// sequences become U+FFFD.
std::string to_utf8(const std::string& bytes, std::string charset) {
  std::string s = to_utf8_raw(bytes, std::move(charset));
  std::erase(s, '\0');
  return s;
}

std::string to_utf8_raw(const std::string& bytes, std::string charset) {
  charset = lower(charset);
  if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk" || charset == "cp936" ||
      charset == "euc-cn")
    charset = "gb18030";
  if (charset == "big5-hkscs") charset = "big5";
  auto convert = [&](const char* cs) -> std::optional<std::string> {
    gsize written = 0;
    GError* err = nullptr;
    gchar* out = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", cs, nullptr,
                           &written, &err);
    if (!out) {
      if (err) g_error_free(err);
      return std::nullopt;
    }
    std::string s(out, written);
    g_free(out);
    return s;
  };
  if (charset.empty() || charset == "us-ascii" || charset == "utf-8" || charset == "utf8") {
    if (g_utf8_validate(bytes.data(), static_cast<gssize>(bytes.size()), nullptr)) return bytes;
    for (const char* cs : {"gb18030", "big5"})
      if (auto s = convert(cs)) return *s;
  } else if (auto s = convert(charset.c_str())) {
    return *s;
  }
  // Last resort: keep the valid UTF-8 and replace the rest.
  gchar* fixed = g_utf8_make_valid(bytes.data(), static_cast<gssize>(bytes.size()));
  std::string s(fixed);
  g_free(fixed);
  return s;
}

struct Walk {
  ParsedMail* out;
};

void visit(GMimeObject* /*parent*/, GMimeObject* part, gpointer data) {
  auto* w = static_cast<Walk*>(data);
  GMimeContentType* ct = g_mime_object_get_content_type(part);
  if (GMIME_IS_MULTIPART(part)) {
    if (ct && g_mime_content_type_is_type(ct, "multipart", "report"))
      w->out->delivery_report = true;
    return;
  }
  if (!GMIME_IS_PART(part)) return;
  GMimePart* p = GMIME_PART(part);
  const bool attachment = g_mime_part_is_attachment(p);
  const char* cid = g_mime_part_get_content_id(p);
  const bool is_text = ct && g_mime_content_type_is_type(ct, "text", "plain");
  const bool is_html = ct && g_mime_content_type_is_type(ct, "text", "html");
  if (!attachment && !cid && (is_text || is_html)) {
    const char* cs = ct ? g_mime_content_type_get_parameter(ct, "charset") : nullptr;
    std::string text = to_utf8(bytes_of(p), cs ? cs : "");
    std::string& target = is_text ? w->out->text : w->out->html;
    if (target.empty()) target = std::move(text);
    return;
  }
  MailPart a;
  if (ct) {
    char* mt = g_mime_content_type_get_mime_type(ct);
    if (mt) {
      a.content_type = lower(mt);
      g_free(mt);
    }
  }
  if (const char* fn = g_mime_part_get_filename(p)) a.filename = fn;
  if (cid) a.content_id = cid;
  a.inline_part = !attachment;
  a.bytes = bytes_of(p);
  if (a.filename.empty()) a.filename = a.content_id.empty() ? "attachment" : a.content_id;
  w->out->attachments.push_back(std::move(a));
}

}  // namespace

Result<ParsedMail> parse_mail(std::string_view raw) {
  init_gmime();
  ParsedMail m;
  m.size = raw.size();
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(raw.data(), raw.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_object_unref(stream);
  GMimeParserOptions* options = g_mime_parser_options_new();
  const char* fallback[] = {"UTF-8", "GB18030", "Big5", nullptr};
  g_mime_parser_options_set_fallback_charsets(options, fallback);
  g_mime_parser_options_set_rfc2047_compliance_mode(options, GMIME_RFC_COMPLIANCE_LOOSE);
  GMimeMessage* msg = g_mime_parser_construct_message(parser, options);
  g_object_unref(parser);
  if (!msg) {
    g_mime_parser_options_free(options);
    return Error(ErrorCode::invalid_request, "not an e-mail message");
  }
  GMimeObject* obj = GMIME_OBJECT(msg);
  if (const char* id = g_mime_message_get_message_id(msg)) m.message_id = id;
  if (const char* s = g_mime_message_get_subject(msg)) m.subject = s;
  if (!g_utf8_validate(m.subject.data(), static_cast<gssize>(m.subject.size()), nullptr))
    m.subject = to_utf8(m.subject, "");
  if (InternetAddressList* from = g_mime_message_get_from(msg)) {
    for (int i = 0; i < internet_address_list_length(from); ++i) {
      InternetAddress* ia = internet_address_list_get_address(from, i);
      if (!INTERNET_ADDRESS_IS_MAILBOX(ia)) continue;
      if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)))
        m.from_address = lower(addr);
      if (const char* name = internet_address_get_name(ia)) m.from_name = to_utf8(name, "");
      break;
    }
  }
  auto ids = [&](const std::string& value) {
    std::vector<std::string> out;
    if (value.empty()) return out;
    GMimeReferences* refs = g_mime_references_parse(options, value.c_str());
    if (!refs) return out;
    for (int i = 0; i < g_mime_references_length(refs); ++i)
      out.emplace_back(g_mime_references_get_message_id(refs, i));
    g_mime_references_free(refs);
    return out;
  };
  const auto reply_to = ids(header(obj, "In-Reply-To"));
  if (!reply_to.empty()) m.in_reply_to = reply_to.front();
  m.references = ids(header(obj, "References"));
  m.auto_submitted = lower(header(obj, "Auto-Submitted"));
  m.precedence = lower(header(obj, "Precedence"));
  m.x_autoreply = !header(obj, "X-Autoreply").empty() || !header(obj, "X-Autorespond").empty() ||
                  lower(header(obj, "X-Auto-Response-Suppress")).find("all") != std::string::npos;
  m.return_path = header(obj, "Return-Path");
  m.fuwu_record = header(obj, "X-Fuwu-Record");
  Walk walk{&m};
  GMimeObject* body = g_mime_message_get_mime_part(msg);
  if (body) {
    if (GMIME_IS_MULTIPART(body)) {
      GMimeContentType* ct = g_mime_object_get_content_type(body);
      if (ct && g_mime_content_type_is_type(ct, "multipart", "report")) m.delivery_report = true;
    }
    g_mime_message_foreach(msg, visit, &walk);
  }
  g_object_unref(msg);
  g_mime_parser_options_free(options);
  return m;
}

std::string loop_reason(const ParsedMail& m, std::string_view our_domain,
                        std::string_view our_address) {
  const std::string ours = "@" + lower(std::string(our_domain));
  const std::string id = lower(m.message_id);
  if (!m.fuwu_record.empty() ||
      (id.rfind("fuwu.", 0) == 0 && id.size() > ours.size() &&
       id.compare(id.size() - ours.size(), ours.size(), ours) == 0) ||
      (!our_address.empty() && m.from_address == lower(std::string(our_address))))
    return "own";
  const std::string local = m.from_address.substr(0, m.from_address.find('@'));
  if (m.delivery_report || m.return_path == "<>" || local == "mailer-daemon" ||
      local == "postmaster")
    return "bounce";
  if ((!m.auto_submitted.empty() && m.auto_submitted != "no") || m.x_autoreply ||
      m.precedence == "bulk" || m.precedence == "junk" || m.precedence == "list" ||
      m.precedence == "auto_reply")
    return "auto_reply";
  return "";
}

}  // namespace fuwu::mail

#pragma GCC diagnostic pop
