#include "domain/attachment/attachment.h"

#include <algorithm>

namespace fuwu::attachment {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

std::vector<std::string> Limits::default_forbidden_types() {
  return {"application/x-dosexec",
          "application/x-msdownload",
          "application/vnd.microsoft.portable-executable",
          "application/x-executable",
          "application/x-pie-executable",
          "application/x-sharedlib",
          "application/x-mach-binary",
          "application/x-elf",
          "application/x-msi",
          "application/x-ms-shortcut",
          "text/x-shellscript",
          "text/x-msdos-batch",
          "application/x-bat"};
}

std::vector<std::string> Limits::default_forbidden_extensions() {
  return {"exe", "com", "bat", "cmd", "scr", "pif", "msi", "dll", "ps1", "vbs", "vbe",
          "js",  "jse", "wsf", "wsh", "hta", "jar", "sh",  "cpl", "lnk", "reg"};
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
      item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
      item.remove_suffix(1);
    if (!item.empty()) out.push_back(lower(item));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Status check_filename(std::string_view name, std::string_view field) {
  auto bad = [&](std::string code, std::string message) {
    return Error(ErrorCode::validation_failed, "the file name is not usable")
        .with_field(std::string(field), std::move(code), std::move(message));
  };
  if (name.empty()) return bad("required", "name the file");
  if (name.size() > 255) return bad("too_long", "at most 255 bytes");
  if (name == "." || name == "..") return bad("invalid_format", "not a file name");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
      return bad("invalid_format", "no control characters, slashes or backslashes");
    }
  }
  return {};
}

std::string extension(std::string_view filename) {
  const auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return "";
  return lower(filename.substr(dot + 1));
}

bool forbidden_extension(const Limits& limits, std::string_view filename) {
  // Windows ignores trailing dots and spaces: "setup.exe. " runs as "setup.exe".
  while (!filename.empty() && (filename.back() == ' ' || filename.back() == '.'))
    filename.remove_suffix(1);
  return contains(limits.forbidden_extensions, extension(filename));
}

bool forbidden_type(const Limits& limits, std::string_view content_type) {
  return contains(limits.forbidden_types, lower(content_type));
}

std::int64_t chunk_count(std::int64_t size, std::int64_t chunk_bytes) {
  if (size <= 0 || chunk_bytes <= 0) return 0;
  return (size + chunk_bytes - 1) / chunk_bytes;
}

std::int64_t expected_chunk_size(std::int64_t size, std::int64_t chunk_bytes, std::int64_t index) {
  const std::int64_t n = chunk_count(size, chunk_bytes);
  if (index < 0 || index >= n) return -1;
  if (index < n - 1) return chunk_bytes;
  return size - chunk_bytes * (n - 1);
}

bool inline_image(std::string_view t) {
  return t == "image/png" || t == "image/jpeg" || t == "image/gif" || t == "image/webp" ||
         t == "image/bmp" || t == "image/avif";
}

std::string content_disposition(Disposition d, std::string_view filename) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback, encoded;
  for (unsigned char c : filename) {
    const bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%';
    // One '_' per character: UTF-8 continuation bytes (10xxxxxx) add none.
    if (plain)
      fallback += static_cast<char>(c);
    else if ((c & 0xC0) != 0x80)
      fallback += '_';
    // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"
    const bool attr =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (attr) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return std::string(d == Disposition::attachment ? "attachment" : "inline") + "; filename=\"" +
         fallback + "\"; filename*=UTF-8''" + encoded;
}

bool valid_sha256_hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace fuwu::attachment
