#include "http/json_body.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value_stack.hpp>

namespace fuwu::http {
namespace {

namespace json = boost::json;

// Objects with fewer members than this are checked for duplicates by a linear scan, which beats
// hashing for the small objects request bodies consist of; larger ones switch to a hash set.
constexpr std::size_t kLinearScanMembers = 16;

enum class Failure : std::uint8_t { none, duplicate_key, number_out_of_range };

// A basic_parser handler that builds the value with a value_stack (as boost::json::parser does)
// and additionally rejects duplicate keys and non-finite numbers. It tracks the path of open
// containers so that a duplicate can be named by its JSON pointer.
class StrictHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;

  // `body_size` bounds the total size of the keys of all open objects (a decoded key is never
  // longer than its encoding), so reserving it keeps the views in keys_ stable.
  StrictHandler(unsigned char* temp, std::size_t temp_size, std::size_t body_size)
      : st(json::storage_ptr(), temp, temp_size) {
    arena_.reserve(body_size);
    frames_.reserve(16);
    keys_.reserve(64);
  }

  Failure failure() const { return failure_; }
  const std::string& failure_field() const { return failure_field_; }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }

  bool on_object_begin(json::error_code&) {
    begin_container(true);
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    const Frame& f = frames_.back();
    if (f.hashed) sets_[frames_.size() - 1].clear();
    keys_.resize(f.first_key);
    arena_.resize(f.arena_start);
    frames_.pop_back();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) {
    begin_container(false);
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    frames_.pop_back();
    st.push_array(n);
    return true;
  }

  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    arena_.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    arena_.append(s.data(), s.size());
    if (!record_key()) return fail(Failure::duplicate_key, ec);
    st.push_key(s);
    return true;
  }

  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    count_element();
    st.push_string(s);
    return true;
  }

  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    count_element();
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    count_element();
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code& ec) {
    // Boost turns 1e400 into infinity, which JSON cannot represent on the way back out.
    if (!std::isfinite(d)) return fail(Failure::number_out_of_range, ec);
    count_element();
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    count_element();
    st.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    count_element();
    st.push_null();
    return true;
  }

  // Comments are disabled in parse_options, so these are never called.
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  struct Frame {
    bool is_object = false;
    bool hashed = false;          // objects: keys are also in sets_[depth]
    std::size_t elements = 0;     // arrays: elements begun so far
    std::size_t first_key = 0;    // index into keys_ of this object's first key
    std::size_t arena_start = 0;  // offset in arena_ of this object's first key
  };

  bool fail(Failure f, json::error_code& ec) {
    failure_ = f;
    ec = json::error::test_failure;  // any error stops the parser; failure_ says which
    return false;
  }

  void count_element() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().elements;
  }

  void begin_container(bool is_object) {
    count_element();
    frames_.push_back({is_object, false, 0, keys_.size(), arena_.size()});
  }

  // The key just completed is the tail of arena_ after the previous key. Returns false if the
  // innermost object already has it.
  bool record_key() {
    Frame& f = frames_.back();
    const std::size_t start =
        keys_.size() == f.first_key
            ? f.arena_start
            : static_cast<std::size_t>(keys_.back().data() + keys_.back().size() - arena_.data());
    const std::string_view key(arena_.data() + start, arena_.size() - start);
    const std::size_t members = keys_.size() - f.first_key;
    if (members < kLinearScanMembers) {
      for (std::size_t i = f.first_key; i < keys_.size(); ++i) {
        if (keys_[i] == key) return duplicate(key);
      }
    } else {
      const std::size_t depth = frames_.size() - 1;
      if (sets_.size() <= depth) sets_.resize(depth + 1);
      auto& set = sets_[depth];
      if (!f.hashed) {
        set.insert(keys_.begin() + static_cast<std::ptrdiff_t>(f.first_key), keys_.end());
        f.hashed = true;
      }
      if (!set.insert(key).second) return duplicate(key);
    }
    keys_.push_back(key);
    return true;
  }

  bool duplicate(std::string_view key) {
    // The pointer names, for every enclosing container, the member or element currently open.
    std::string pointer;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      if (frames_[i].is_object) {
        append_json_pointer(pointer, keys_[frames_[i + 1].first_key - 1]);
      } else {
        append_json_pointer(pointer, std::to_string(frames_[i].elements - 1));
      }
    }
    append_json_pointer(pointer, key);
    failure_field_ = std::move(pointer);
    return false;
  }

  std::vector<Frame> frames_;
  std::string arena_;                   // the keys of all open objects, back to back
  std::vector<std::string_view> keys_;  // views into arena_, innermost object last
  std::vector<std::unordered_set<std::string_view>> sets_;  // by depth, for large objects
  Failure failure_ = Failure::none;
  std::string failure_field_;
};

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

Error body_error(std::string_view code, std::string_view what, std::size_t offset,
                 std::string field = {}) {
  std::string detail = std::string(what) + " at byte " + std::to_string(offset);
  Error e(ErrorCode::invalid_request, "The request body is not acceptable JSON: " + detail);
  e.with_field(std::move(field), std::string(code), std::move(detail));
  return e;
}

std::string describe_byte(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (c >= 0x20 && c < 0x7F)
    return std::string("unexpected character '") + static_cast<char>(c) + "'";
  std::string s = "unexpected byte 0x";
  s += kHex[c >> 4];
  s += kHex[c & 0xF];
  return s;
}

// True if body[0, end) ends with a \u escape of a UTF-16 leading surrogate (\uD800-\uDBFF)
// whose backslash is not itself escaped.
bool ends_with_leading_surrogate_escape(std::string_view body, std::size_t end) {
  if (end < 6 || end > body.size()) return false;
  const std::string_view esc = body.substr(end - 6, 6);
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  if (esc[0] != '\\' || esc[1] != 'u' || (esc[2] != 'd' && esc[2] != 'D') || !hex(esc[4]) ||
      !hex(esc[5])) {
    return false;
  }
  const char third = static_cast<char>(std::tolower(static_cast<unsigned char>(esc[3])));
  if (third != '8' && third != '9' && third != 'a' && third != 'b') return false;
  std::size_t backslashes = 0;
  for (std::size_t i = end - 6; i > 0 && body[i - 1] == '\\'; --i)
    ++backslashes;
  return backslashes % 2 == 0;
}

// Turns a failure of Boost's parser into the contract's codes and a message that says where.
Error syntax_failure(std::string_view body, json::error_code ec, std::size_t offset,
                     int max_depth) {
  // Boost reports bad UTF-8 as a plain syntax error at (or just after) the offending sequence.
  const std::size_t bad_utf8 = find_invalid_utf8(body);
  if (bad_utf8 != std::string_view::npos && bad_utf8 <= offset) {
    return body_error("invalid_utf8", "invalid UTF-8", bad_utf8);
  }
  if (ec == json::error::extra_data) {
    const bool comment = offset < body.size() && body[offset] == '/';
    return body_error("trailing_data",
                      comment ? "a comment after the JSON value (comments are not allowed)"
                              : "unexpected data after the JSON value",
                      offset);
  }
  if (ec == json::error::too_deep) {
    return body_error(
        "too_deep",
        "arrays and objects nested deeper than " + std::to_string(max_depth) + " levels", offset);
  }
  if (ec == json::error::illegal_leading_surrogate ||
      ec == json::error::illegal_trailing_surrogate ||
      ends_with_leading_surrogate_escape(body, offset)) {
    return body_error("invalid_utf8", "lone UTF-16 surrogate in a \\u escape", offset);
  }
  if (ec == json::error::exponent_overflow) {
    return body_error("syntax", "number out of range", offset);
  }
  if (ec == json::error::expected_hex_digit || ec == json::error::expected_utf16_escape) {
    return body_error("syntax", "invalid \\u escape", offset);
  }
  if (offset >= body.size()) return body_error("syntax", "unexpected end of input", offset);
  const auto c = static_cast<unsigned char>(body[offset]);
  if (c == '/') return body_error("syntax", "comments are not allowed", offset);
  if (c == ']' || c == '}') {
    std::size_t i = offset;
    while (i > 0 && is_json_space(body[i - 1]))
      --i;
    if (i > 0 && body[i - 1] == ',') return body_error("syntax", "trailing comma", i - 1);
  }
  if (c < 0x20) return body_error("syntax", "unescaped control character", offset);
  return body_error("syntax", describe_byte(c), offset);
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    // RFC 3629 table 4: the range of the second byte depends on the first.
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // no overlong forms
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (n - i < len || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

void append_json_pointer(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

Result<json::value> parse_json_body(std::string_view body, const JsonLimits& limits) {
  if (body.size() > limits.max_bytes) {
    return make_error(ErrorCode::payload_too_large,
                      "The request body is " + std::to_string(body.size()) +
                          " bytes; the limit is " + std::to_string(limits.max_bytes) + " bytes");
  }
  if (std::all_of(body.begin(), body.end(), is_json_space)) {
    return make_error(ErrorCode::invalid_request, "The request body is empty")
        .with_field("", "empty_body", "the request body is empty; a JSON value is required");
  }
  if (body.starts_with("\xEF\xBB\xBF")) {
    return body_error("syntax", "a byte order mark is not allowed", 0);
  }

  json::parse_options options;  // strict: no comments, trailing commas or invalid UTF-8
  options.max_depth = static_cast<std::size_t>(std::max(limits.max_depth, 0));
  // Scratch space for the value stack; bodies of a few KB never touch the heap for it.
  unsigned char temp[4096];
  json::basic_parser<StrictHandler> parser(options, temp, sizeof temp, body.size());
  // One arena for the whole document: one allocation for a typical body instead of one per
  // string, array and object. Sized from the body, which bounds the value's footprint closely.
  const std::size_t arena = std::clamp<std::size_t>(body.size() * 2, 1024, 64 * 1024);
  parser.handler().st.reset(json::make_shared_resource<json::monotonic_resource>(arena));

  json::error_code ec;
  const std::size_t offset = parser.write_some(false, body.data(), body.size(), ec);
  // write_some stops after the value and its trailing whitespace; boost::json::parse reports
  // what is left as extra_data, and so do we.
  if (!ec && offset < body.size()) ec = json::error::extra_data;
  if (ec) {
    const StrictHandler& h = parser.handler();
    switch (h.failure()) {
      case Failure::duplicate_key:
        return body_error("duplicate_key", "duplicate object member \"" + h.failure_field() + "\"",
                          offset, h.failure_field());
      case Failure::number_out_of_range:
        return body_error("syntax", "number out of range", offset);
      case Failure::none:
        break;
    }
    return syntax_failure(body, ec, offset, limits.max_depth);
  }
  return parser.handler().st.release();
}

}  // namespace fuwu::http
