#include "http/json_body.h"
#include "http/json_same_value.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace fuwu::http {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The corpus: y_*.json must parse; n_<code>_*.json must fail with FieldError code <code>.
fs::path corpus_dir() {
  return fs::path(FUWU_SOURCE_DIR) / "tests" / "http" / "corpus";
}

std::vector<std::string> corpus_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string expected_code(const std::string& name) {
  for (const char* code :
       {"syntax", "invalid_utf8", "duplicate_key", "too_deep", "trailing_data", "empty_body"}) {
    if (name.starts_with(std::string("n_") + code + "_")) return code;
  }
  return "?";
}

std::string first_code(const Result<json::value>& r) {
  if (r.ok() || r.error().fields.empty()) return "";
  return r.error().fields[0].code;
}

class Corpus : public testing::TestWithParam<std::string> {};

TEST_P(Corpus, ParsesOrRejectsWithTheExpectedCode) {
  const std::string& name = GetParam();
  const std::string body = read_file(corpus_dir() / (name + ".json"));
  const auto r = parse_json_body(body);
  if (name.starts_with("y_")) {
    ASSERT_TRUE(r.ok()) << r.error().message;
    // Round trip: what we serialize, we parse back to an equal value.
    const auto again = parse_json_body(json::serialize(*r));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(same_json_value(*again, *r)) << json::serialize(*r);
  } else {
    ASSERT_TRUE(name.starts_with("n_")) << "corpus files are named y_* or n_*";
    ASSERT_FALSE(r.ok()) << "accepted: " << json::serialize(*r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_request);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].code, expected_code(name)) << r.error().message;
    if (!name.starts_with("n_empty_body")) {
      EXPECT_NE(r.error().message.find("at byte"), std::string::npos) << r.error().message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(JsonBody, Corpus, testing::ValuesIn(corpus_names()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

TEST(JsonBodyCorpus, IsLargeEnough) {
  EXPECT_GE(corpus_names().size(), 80u);
}

TEST(JsonBody, ParsesATicket) {
  const auto r = parse_json_body(R"({"title":"服务器宕机","qty":3,"price":1.5,"tags":["a"]})");
  ASSERT_TRUE(r.ok());
  const json::object& o = r->as_object();
  EXPECT_EQ(o.at("title").as_string(), "服务器宕机");
  EXPECT_EQ(o.at("qty").as_int64(), 3);
  EXPECT_EQ(o.at("price").as_double(), 1.5);
  EXPECT_EQ(o.at("tags").as_array().size(), 1u);
}

TEST(JsonBody, ValueOutlivesTheBody) {
  auto body = std::make_unique<std::string>(R"({"key":"a long enough string value here"})");
  auto r = parse_json_body(*body);
  body.reset();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->as_object().at("key").as_string(), "a long enough string value here");
}

TEST(JsonBody, KeepsNumberKindsAsBoostReadsThem) {
  const auto r = parse_json_body(
      "[-9223372036854775808, 18446744073709551615, 18446744073709551616, 1.0, -0]");
  ASSERT_TRUE(r.ok());
  const json::array& a = r->as_array();
  EXPECT_TRUE(a[0].is_int64());
  EXPECT_TRUE(a[1].is_uint64());
  EXPECT_TRUE(a[2].is_double());  // beyond 64 bits: documented precision loss
  EXPECT_DOUBLE_EQ(a[2].as_double(), 18446744073709551616.0);
  EXPECT_TRUE(a[3].is_double());
}

TEST(JsonBody, BodyOverTheLimitIsPayloadTooLarge) {
  const std::string body(std::size_t{1} << 20 | 1, ' ');  // 1 MiB + 1
  const auto r = parse_json_body(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::payload_too_large);
  EXPECT_NE(r.error().message.find("1048577"), std::string::npos);
}

TEST(JsonBody, BodyOfExactlyTheLimitParses) {
  std::string body = "\"" + std::string((std::size_t{1} << 20) - 2, 'x') + "\"";
  ASSERT_EQ(body.size(), std::size_t{1} << 20);
  EXPECT_TRUE(parse_json_body(body).ok());
  body.push_back(' ');
  EXPECT_EQ(parse_json_body(body).error().code, ErrorCode::payload_too_large);
}

TEST(JsonBody, LimitsAreConfigurable) {
  const JsonLimits limits{.max_bytes = 16, .max_depth = 2};
  EXPECT_TRUE(parse_json_body("[[1]]", limits).ok());
  EXPECT_EQ(first_code(parse_json_body("[[[1]]]", limits)), "too_deep");
  EXPECT_EQ(first_code(parse_json_body(R"({"a":{"b":{}}})", limits)), "too_deep");
  EXPECT_EQ(parse_json_body("[1,2,3,4,5,6,7,8]", limits).error().code,
            ErrorCode::payload_too_large);
}

TEST(JsonBody, DepthCountsArraysAndObjectsTogether) {
  std::string mixed;
  for (int i = 0; i < 32; ++i)
    mixed += R"([{"a":)";
  mixed += "1";
  for (int i = 0; i < 32; ++i)
    mixed += "}]";
  EXPECT_TRUE(parse_json_body(mixed).ok());  // 64 levels
  EXPECT_EQ(first_code(parse_json_body("[" + mixed + "]")), "too_deep");
}

TEST(JsonBody, DuplicateKeyIsNamedByItsJsonPointer) {
  struct Case {
    const char* body;
    const char* pointer;
  };
  const Case cases[] = {
      {R"({"a":1,"a":2})", "/a"},
      {R"({"lines":[{"qty":1,"qty":2}]})", "/lines/0/qty"},
      {R"({"lines":[{"qty":1},{"sku":"x","qty":1,"tags":[],"qty":2}]})", "/lines/1/qty"},
      {R"({"a":{"b":[1,{"c":{"d":1,"e":2,"d":3}}]}})", "/a/b/1/c/d"},
      {R"([[],[{}],[0,{"x":{"y":1},"x":2}]])", "/2/1/x"},
      {R"({"a/b":{"m~n":1,"m~n":2}})", "/a~1b/m~0n"},
      {R"({"a":1,"\u0061":2})", "/a"},
      {R"({"":1,"":2})", "/"},
      {R"({"标题":"a","标题":"b"})", "/标题"},
  };
  for (const Case& c : cases) {
    const auto r = parse_json_body(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].code, "duplicate_key") << c.body;
    EXPECT_EQ(r.error().fields[0].field, c.pointer) << c.body;
  }
}

TEST(JsonBody, DuplicateKeyInLargeObjectUsesTheHashSetPath) {
  std::string body = "{";
  for (int i = 0; i < 200; ++i)
    body += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_TRUE(parse_json_body(body + "\"last\":0}").ok());
  const auto r = parse_json_body(body + "\"k0\":0}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].field, "/k0");
  // After a large object closes, a new one at the same depth starts with a clean set.
  const auto two = parse_json_body("[" + body + "\"z\":0}," + body + "\"z\":1}]");
  EXPECT_TRUE(two.ok());
}

TEST(JsonBody, SameKeysInSiblingAndNestedObjectsAreFine) {
  EXPECT_TRUE(parse_json_body(R"({"a":{"a":{"a":1}},"b":{"a":2}})").ok());
  EXPECT_TRUE(parse_json_body(R"([{"id":1},{"id":2},{"id":3}])").ok());
}

TEST(JsonBody, MessagesSayWhere) {
  const auto trailing = parse_json_body("[1,2,]");
  EXPECT_EQ(trailing.error().fields[0].message, "trailing comma at byte 4");
  EXPECT_EQ(trailing.error().fields[0].field, "");
  const auto utf8 = parse_json_body("[\"ab\xff\"]");
  EXPECT_EQ(utf8.error().fields[0].message, "invalid UTF-8 at byte 4");
  const auto extra = parse_json_body("{} x");
  EXPECT_EQ(extra.error().fields[0].message, "unexpected data after the JSON value at byte 3");
  const auto nan = parse_json_body("[NaN]");
  EXPECT_EQ(nan.error().fields[0].message, "unexpected character 'N' at byte 1");
  const auto truncated = parse_json_body("{\"a\":");
  EXPECT_EQ(truncated.error().fields[0].message, "unexpected end of input at byte 5");
  EXPECT_NE(truncated.error().message.find("at byte 5"), std::string::npos);
}

TEST(JsonBody, EscapedBackslashBeforeSurrogateLookalikeIsText) {
  const auto r = parse_json_body(R"(["\\ud800"])");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->as_array()[0].as_string(), "\\ud800");
  EXPECT_EQ(first_code(parse_json_body(R"(["\\\ud800"])")), "invalid_utf8");
}

TEST(FindInvalidUtf8, AcceptsValidText) {
  EXPECT_EQ(find_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("é中😀\xF4\x8F\xBF\xBF"), std::string_view::npos);
}

TEST(FindInvalidUtf8, ReportsTheFirstBadSequence) {
  EXPECT_EQ(find_invalid_utf8("ab\x80"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // overlong
  EXPECT_EQ(find_invalid_utf8("x\xE0\x9F\xBF"), 1u);     // overlong 3-byte
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("\xF0\x8F\xBF\xBF"), 0u);  // overlong 4-byte
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xE4\xB8"), 2u);        // truncated
  EXPECT_EQ(find_invalid_utf8("\xE4\x41\x80"), 0u);      // bad continuation
  EXPECT_EQ(find_invalid_utf8("\xF5\x80\x80\x80"), 0u);
}

TEST(AppendJsonPointer, EscapesTildeAndSlash) {
  std::string p;
  append_json_pointer(p, "lines");
  append_json_pointer(p, "0");
  append_json_pointer(p, "a/b~c");
  EXPECT_EQ(p, "/lines/0/a~1b~0c");
}

}  // namespace
}  // namespace fuwu::http
