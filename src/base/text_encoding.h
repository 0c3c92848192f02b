// Text in legacy Chinese encodings (GBK, GB18030) converted to UTF-8 with the C library's iconv
// (glibc ships both converters).
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace fuwu {

// `encoding` is "utf-8", "gbk" or "gb18030" (case-insensitive). invalid_request naming the byte
// offset when the bytes are not valid in that encoding; unavailable when the converter is missing.
// UTF-8 input is checked, not converted.
Result<std::string> to_utf8(std::string_view bytes, std::string_view encoding);

}  // namespace fuwu
