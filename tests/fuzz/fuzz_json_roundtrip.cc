// libFuzzer target: whatever parse_json_body accepts, serializing it and parsing that again must
// succeed and give the same value (doubles up to Boost 1.81's rounding, see json_same_value.h),
// and serialization must then be stable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json/serialize.hpp>

#include "http/json_body.h"
#include "http/json_same_value.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto first = fuwu::http::parse_json_body(body);
  if (!first.ok()) return 0;
  const std::string text = boost::json::serialize(*first);
  // Serialized text never grows past the limit for inputs this size, except by escaping
  // control characters (\u0000 is 6 bytes for 1): allow it.
  const auto second = fuwu::http::parse_json_body(text, {.max_bytes = 8 * (size + 16)});
  if (!second.ok() || !fuwu::http::same_json_value(*first, *second)) std::abort();
  const auto third =
      fuwu::http::parse_json_body(boost::json::serialize(*second), {.max_bytes = 8 * (size + 16)});
  if (!third.ok() || !fuwu::http::same_json_value(*second, *third)) std::abort();
  return 0;
}
