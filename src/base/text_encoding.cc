#include "base/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace fuwu {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Checks UTF-8 by converting it to itself (iconv refuses invalid sequences).
Result<std::string> convert(std::string_view bytes, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Error(ErrorCode::unavailable, std::string("no converter from ") + from);
  }
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  while (in_left > 0) {
    const std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    if (r != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) {
      const std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    const std::size_t offset = bytes.size() - in_left;
    iconv_close(cd);
    return Error(ErrorCode::invalid_request,
                 std::string("not valid ") + from + " at byte " + std::to_string(offset));
  }
  iconv_close(cd);
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

}  // namespace

Result<std::string> to_utf8(std::string_view bytes, std::string_view encoding) {
  const std::string e = lower(encoding);
  if (e == "utf-8" || e == "utf8") return convert(bytes, "UTF-8");
  if (e == "gbk") return convert(bytes, "GBK");
  if (e == "gb18030") return convert(bytes, "GB18030");
  return Error(ErrorCode::invalid_request, "unknown encoding " + std::string(encoding))
      .with_field("encoding", "not_allowed", "utf-8, gbk or gb18030");
}

}  // namespace fuwu
