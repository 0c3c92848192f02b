// Attachment rules, pure: file names, limits, the chunk plan of an upload, forbidden content
// types and extensions, which types may be shown inline, and the Content-Disposition header.
//
// An upload of `size` bytes is sent in chunks of `chunk_bytes` (the last one may be shorter);
// chunk i must have exactly expected_chunk_size(size, chunk_bytes, i) bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::attachment {

// Configurable (docs/administration.md, keys attachments.*).
struct Limits {
  std::int64_t max_file_bytes = 20 * 1024 * 1024;     // one file
  std::int64_t max_record_bytes = 100 * 1024 * 1024;  // every attachment of one record together
  std::int64_t chunk_bytes = 1024 * 1024;             // one PUT of an upload
  int upload_expiry_hours = 24;                       // an unfinished upload is dropped after this
  // Content types (as sniffed from the bytes) and file name extensions that are refused.
  std::vector<std::string> forbidden_types = default_forbidden_types();
  std::vector<std::string> forbidden_extensions = default_forbidden_extensions();

  static std::vector<std::string> default_forbidden_types();
  static std::vector<std::string> default_forbidden_extensions();
};

// A comma-separated list ("a, b,c") as trimmed, lower-cased, non-empty items.
std::vector<std::string> parse_list(std::string_view text);

// A file name as the client sent it: 1 to 255 bytes of UTF-8 without control characters,
// slashes or backslashes, not "." or "..". validation_failed with field `field` otherwise.
Status check_filename(std::string_view name, std::string_view field = "filename");
// The lower-cased extension after the last dot ("" when none).
std::string extension(std::string_view filename);
bool forbidden_extension(const Limits& limits, std::string_view filename);
bool forbidden_type(const Limits& limits, std::string_view content_type);

std::int64_t chunk_count(std::int64_t size, std::int64_t chunk_bytes);
std::int64_t expected_chunk_size(std::int64_t size, std::int64_t chunk_bytes, std::int64_t index);

// Raster images a browser shows safely as an image (no SVG: it can carry script).
bool inline_image(std::string_view content_type);

enum class Disposition { attachment, inline_view };
// RFC 6266 with an RFC 5987 filename*: `attachment; filename="__.pdf";
// filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`. The quoted fallback is ASCII with every other
// character (non-ASCII, quotes, backslashes, control characters, %) replaced by one '_'.
std::string content_disposition(Disposition d, std::string_view filename);

// True for 64 lower-case hexadecimal digits.
bool valid_sha256_hex(std::string_view s);

}  // namespace fuwu::attachment
