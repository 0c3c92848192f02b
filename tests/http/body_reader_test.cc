#include "http/body_reader.h"

#include <string>

#include <gtest/gtest.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include "http/json_body.h"

namespace fuwu::http {
namespace {

namespace json = boost::json;

// Parses `body` (which must be valid) and keeps the value alive for the reader.
class Body {
 public:
  explicit Body(std::string_view body) : value_(parse_json_body(body).value()) {}
  BodyReader reader() const { return BodyReader::from(value_).value(); }
  const json::value& value() const { return value_; }

 private:
  json::value value_;
};

// The single field error of a finished reader, as "field code".
std::string only_error(const BodyReader& r) {
  const Status s = r.finish();
  if (s.ok()) return "ok";
  if (s.error().fields.size() != 1) return std::to_string(s.error().fields.size()) + " errors";
  return s.error().fields[0].field + " " + s.error().fields[0].code;
}

ErrorCode code_of(const Status& s) {
  return s.error().code;
}

TEST(BodyReader, FromRejectsNonObjects) {
  for (const char* body : {"[]", "1", "\"x\"", "null", "true"}) {
    Body b(body);
    const auto r = BodyReader::from(b.value());
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_request);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].code, "wrong_type");
    EXPECT_EQ(r.error().fields[0].field, "");
  }
}

TEST(BodyReader, EmptyObjectWithNothingAskedIsOk) {
  Body b("{}");
  EXPECT_TRUE(b.reader().finish().ok());
}

TEST(BodyReader, ReadsEveryType) {
  Body b(R"({"title":"  服务器宕机 ","qty":3,"price":2.5,"urgent":true,"priority":"high",
             "due_at":"2026-10-09T10:00:00+08:00","day":"2026-10-09","lines":[1,2]})");
  auto r = b.reader();
  EXPECT_EQ(r.text("title"), "服务器宕机");
  EXPECT_EQ(r.integer("qty"), 3);
  EXPECT_EQ(r.number("price"), 2.5);
  EXPECT_EQ(r.boolean("urgent"), true);
  EXPECT_EQ(r.one_of("priority", {"low", "medium", "high"}), "high");
  EXPECT_EQ(r.instant("due_at"), Instant::from_unix(1791511200));
  EXPECT_EQ(r.date("day"), (Date{2026, 10, 9}));
  const json::value* lines = r.raw("lines");
  ASSERT_NE(lines, nullptr);
  EXPECT_EQ(lines->as_array().size(), 2u);
  EXPECT_TRUE(r.finish().ok());
}

TEST(BodyReader, AbsentOptionalMembersAreNulloptWithoutError) {
  Body b("{}");
  auto r = b.reader();
  EXPECT_EQ(r.text("a"), std::nullopt);
  EXPECT_EQ(r.integer("b"), std::nullopt);
  EXPECT_EQ(r.number("c"), std::nullopt);
  EXPECT_EQ(r.boolean("d"), std::nullopt);
  EXPECT_EQ(r.one_of("e", {"x"}), std::nullopt);
  EXPECT_EQ(r.instant("f"), std::nullopt);
  EXPECT_EQ(r.date("g"), std::nullopt);
  EXPECT_EQ(r.raw("h"), nullptr);
  EXPECT_TRUE(r.finish().ok());
}

TEST(BodyReader, RequiredMembersMissingAreAllReported) {
  Body b("{}");
  auto r = b.reader();
  r.text("title", Presence::required);
  r.integer("qty", Presence::required);
  r.number("price", Presence::required);
  r.boolean("urgent", Presence::required);
  r.one_of("priority", {"low"}, Presence::required);
  r.instant("due_at", Presence::required);
  r.date("day", Presence::required);
  r.raw("lines", Presence::required);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(s.error().fields.size(), 8u);
  const char* fields[] = {"/title",    "/qty",    "/price", "/urgent",
                          "/priority", "/due_at", "/day",   "/lines"};
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(s.error().fields[i].field, fields[i]);
    EXPECT_EQ(s.error().fields[i].code, "required");
    EXPECT_FALSE(s.error().fields[i].message.empty());
  }
}

TEST(BodyReader, NullCountsAsAbsent) {
  Body b(R"({"notes":null,"title":null})");
  auto r = b.reader();
  EXPECT_EQ(r.text("notes"), std::nullopt);  // optional: no error
  EXPECT_EQ(r.text("title", Presence::required), std::nullopt);
  EXPECT_EQ(only_error(r), "/title required");
}

TEST(BodyReader, HasAndIsNullTellAbsentFromNull) {
  Body b(R"({"notes":null,"title":"x"})");
  auto r = b.reader();
  EXPECT_TRUE(r.has("notes"));
  EXPECT_TRUE(r.is_null("notes"));
  EXPECT_TRUE(r.has("title"));
  EXPECT_FALSE(r.is_null("title"));
  EXPECT_FALSE(r.has("other"));
  EXPECT_FALSE(r.is_null("other"));
  // Asking is enough to make a member known: no unknown_field for notes or title.
  EXPECT_TRUE(r.finish().ok());
}

TEST(BodyReader, UnknownFieldsAreReportedInBodyOrder) {
  Body b(R"({"zeta":1,"title":"x","alpha":2,"a/b":3})");
  auto r = b.reader();
  r.text("title");
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid_request);
  ASSERT_EQ(s.error().fields.size(), 3u);
  EXPECT_EQ(s.error().fields[0].field, "/zeta");
  EXPECT_EQ(s.error().fields[1].field, "/alpha");
  EXPECT_EQ(s.error().fields[2].field, "/a~1b");
  for (const auto& f : s.error().fields)
    EXPECT_EQ(f.code, "unknown_field");
}

TEST(BodyReader, WrongTypesAreStructural) {
  Body b(R"({"title":5,"qty":"5","price":"1.5","urgent":1,"priority":1,"due_at":1,"day":[]})");
  auto r = b.reader();
  EXPECT_EQ(r.text("title"), std::nullopt);
  EXPECT_EQ(r.integer("qty"), std::nullopt);
  EXPECT_EQ(r.number("price"), std::nullopt);
  EXPECT_EQ(r.boolean("urgent"), std::nullopt);
  EXPECT_EQ(r.one_of("priority", {"low"}), std::nullopt);
  EXPECT_EQ(r.instant("due_at"), std::nullopt);
  EXPECT_EQ(r.date("day"), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid_request);
  ASSERT_EQ(s.error().fields.size(), 7u);
  for (const auto& f : s.error().fields)
    EXPECT_EQ(f.code, "wrong_type") << f.field;
}

TEST(BodyReader, StructuralWinsButEveryErrorIsListed) {
  Body b(R"({"title":"","extra":1})");
  auto r = b.reader();
  r.text("title", Presence::required);
  r.integer("qty", Presence::required);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid_request);
  ASSERT_EQ(s.error().fields.size(), 3u);
  EXPECT_EQ(s.error().fields[0].code, "required");
  EXPECT_EQ(s.error().fields[1].code, "required");
  EXPECT_EQ(s.error().fields[2].code, "unknown_field");
}

TEST(BodyReader, TextLengthCountsCodePoints) {
  // Four Chinese characters are 12 bytes but 4 characters.
  Body b(R"({"a":"服务管理","b":"服务管理","c":"服务管理","d":"😀😀"})");
  auto r = b.reader();
  EXPECT_EQ(r.text("a", Presence::required, {.min_chars = 4, .max_chars = 4}), "服务管理");
  EXPECT_EQ(r.text("b", Presence::optional, {.max_chars = 3}), std::nullopt);
  EXPECT_EQ(r.text("c", Presence::optional, {.min_chars = 5}), std::nullopt);
  EXPECT_EQ(r.text("d", Presence::optional, {.max_chars = 2}), "😀😀");
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].code, "too_long");
  EXPECT_EQ(s.error().fields[0].message, "must be at most 3 characters");
  EXPECT_EQ(s.error().fields[1].code, "too_short");
  EXPECT_EQ(s.error().fields[1].message, "must be at least 5 characters");
}

TEST(BodyReader, DefaultMaximumIsTenThousandCharacters) {
  std::string ok_text;
  for (int i = 0; i < 10000; ++i)
    ok_text += "中";
  Body b("{\"a\":\"" + ok_text + "\",\"b\":\"" + ok_text + "x\"}");
  auto r = b.reader();
  EXPECT_TRUE(r.text("a").has_value());
  EXPECT_FALSE(r.text("b").has_value());
  EXPECT_EQ(only_error(r), "/b too_long");
}

TEST(BodyReader, TextIsTrimmedIncludingIdeographicSpace) {
  Body b("{\"a\":\" \\t\\n\\u3000\\u00a0 服务 \\u3000\",\"b\":\"  x  \",\"c\":\"\\u3000\"}");
  auto r = b.reader();
  EXPECT_EQ(r.text("a"), "服务");
  EXPECT_EQ(r.text("b", Presence::optional, {.trim = false}), "  x  ");
  EXPECT_EQ(r.text("c"), "");  // optional and blank: an empty string, no error
  EXPECT_TRUE(r.finish().ok());
}

TEST(BodyReader, RequiredTextThatIsBlankIsRequired) {
  Body b(R"({"title":" \u3000 "})");
  auto r = b.reader();
  EXPECT_EQ(r.text("title", Presence::required), std::nullopt);
  EXPECT_EQ(only_error(r), "/title required");
}

TEST(BodyReader, TrimmingHappensBeforeLengthChecks) {
  Body b(R"({"a":"  ab  "})");
  auto r = b.reader();
  EXPECT_EQ(r.text("a", Presence::optional, {.max_chars = 2}), "ab");
  EXPECT_TRUE(r.finish().ok());
}

TEST(BodyReader, ControlCharactersAreInvalidText) {
  Body b(R"({"nul":"a\u0000b","bell":"a\u0007","cr":"a\rb","esc":"\u001b[0m",
             "lines":"a\nb\tc","single":"a\nb","tab":"a\tb","edge":"title\n"})");
  auto r = b.reader();
  EXPECT_EQ(r.text("nul"), std::nullopt);
  EXPECT_EQ(r.text("bell"), std::nullopt);
  EXPECT_EQ(r.text("cr"), std::nullopt);
  EXPECT_EQ(r.text("esc"), std::nullopt);
  EXPECT_EQ(r.text("lines"), "a\nb\tc");  // multi-line text keeps \n and \t
  EXPECT_EQ(r.text("single", Presence::optional, {.single_line = true}), std::nullopt);
  EXPECT_EQ(r.text("tab", Presence::optional, {.single_line = true}), std::nullopt);
  // A trailing newline is trimmed away before the single-line check.
  EXPECT_EQ(r.text("edge", Presence::optional, {.single_line = true}), "title");
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(s.error().fields.size(), 6u);
  for (const auto& f : s.error().fields)
    EXPECT_EQ(f.code, "invalid_text") << f.field;
  EXPECT_EQ(s.error().fields[0].field, "/nul");
  EXPECT_EQ(s.error().fields[4].message, "must be a single line without tabs");
}

TEST(BodyReader, TextBuiltInCodeMustBeValidUtf8) {
  json::value v = json::object{{"a", "ab\xff"}, {"b", "\xED\xA0\x80"}};
  auto r = BodyReader::from(v).value();
  EXPECT_EQ(r.text("a"), std::nullopt);
  EXPECT_EQ(r.text("b"), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].code, "invalid_text");
  EXPECT_EQ(s.error().fields[0].message, "must be valid UTF-8");
}

TEST(BodyReader, IntegerRangeAndForms) {
  Body b(R"({"a":5,"b":1e3,"c":2.0,"d":-7,"e":11,"f":0,
             "g":18446744073709551615,"h":1e19,"i":-1e19,"j":9223372036854775807,
             "k":-9223372036854775808})");
  auto r = b.reader();
  EXPECT_EQ(r.integer("a", Presence::required, {.min = 1, .max = 10}), 5);
  EXPECT_EQ(r.integer("b"), 1000);
  EXPECT_EQ(r.integer("c"), 2);
  EXPECT_EQ(r.integer("d", Presence::optional, {.min = 0}), std::nullopt);
  EXPECT_EQ(r.integer("e", Presence::optional, {.max = 10}), std::nullopt);
  EXPECT_EQ(r.integer("f", Presence::optional, {.min = 1, .max = 10}), std::nullopt);
  EXPECT_EQ(r.integer("g"), std::nullopt);
  EXPECT_EQ(r.integer("h"), std::nullopt);
  EXPECT_EQ(r.integer("i"), std::nullopt);
  EXPECT_EQ(r.integer("j"), INT64_MAX);
  EXPECT_EQ(r.integer("k"), INT64_MIN);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(s.error().fields.size(), 6u);
  for (const auto& f : s.error().fields)
    EXPECT_EQ(f.code, "out_of_range") << f.field;
  EXPECT_EQ(s.error().fields[0].message, "must be at least 0");
  EXPECT_EQ(s.error().fields[1].message, "must be at most 10");
  EXPECT_EQ(s.error().fields[2].message, "must be between 1 and 10");
}

TEST(BodyReader, IntegerWithFractionIsWrongType) {
  Body b(R"({"qty":2.5,"n":true})");
  auto r = b.reader();
  EXPECT_EQ(r.integer("qty"), std::nullopt);
  EXPECT_EQ(r.integer("n"), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(code_of(s), ErrorCode::invalid_request);
  EXPECT_EQ(s.error().fields[0].code, "wrong_type");
  EXPECT_EQ(s.error().fields[0].message, "must be a whole number");
  EXPECT_EQ(s.error().fields[1].code, "wrong_type");
}

TEST(BodyReader, NumberAcceptsEveryNumberKind) {
  Body b(R"({"a":1,"b":18446744073709551615,"c":-0.25,"d":"1"})");
  auto r = b.reader();
  EXPECT_EQ(r.number("a"), 1.0);
  EXPECT_EQ(r.number("b"), 18446744073709551615.0);
  EXPECT_EQ(r.number("c"), -0.25);
  EXPECT_EQ(r.number("d"), std::nullopt);
  EXPECT_EQ(only_error(r), "/d wrong_type");
}

TEST(BodyReader, BooleanIsStrict) {
  Body b(R"({"a":false,"b":"true","c":0})");
  auto r = b.reader();
  EXPECT_EQ(r.boolean("a"), false);
  EXPECT_EQ(r.boolean("b"), std::nullopt);
  EXPECT_EQ(r.boolean("c"), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(code_of(s), ErrorCode::invalid_request);
}

TEST(BodyReader, OneOfIsExactAndListsTheChoices) {
  Body b(R"({"a":"low","b":"LOW","c":" low"})");
  auto r = b.reader();
  EXPECT_EQ(r.one_of("a", {"low", "high"}), "low");
  EXPECT_EQ(r.one_of("b", {"low", "high"}), std::nullopt);
  EXPECT_EQ(r.one_of("c", {"low", "high"}), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(code_of(s), ErrorCode::validation_failed);
  ASSERT_EQ(s.error().fields.size(), 2u);
  EXPECT_EQ(s.error().fields[0].code, "not_allowed");
  EXPECT_EQ(s.error().fields[0].message, "must be one of: low, high");
}

TEST(BodyReader, InstantNeedsAnOffset) {
  Body b(R"({"a":"2026-10-09T02:00:00Z","b":"2026-10-09T10:00:00","c":"2026-10-09",
             "d":"2026-13-01T00:00:00Z","e":"yesterday"})");
  auto r = b.reader();
  EXPECT_EQ(r.instant("a"), Instant::from_unix(1791511200));
  EXPECT_EQ(r.instant("b"), std::nullopt);
  EXPECT_EQ(r.instant("c"), std::nullopt);
  EXPECT_EQ(r.instant("d"), std::nullopt);
  EXPECT_EQ(r.instant("e"), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(code_of(s), ErrorCode::validation_failed);
  ASSERT_EQ(s.error().fields.size(), 4u);
  for (const auto& f : s.error().fields)
    EXPECT_EQ(f.code, "invalid_format");
}

TEST(BodyReader, DateIsACalendarDay) {
  Body b(R"({"a":"2024-02-29","b":"2026-02-29","c":"2026-1-5","d":"2026-10-09T00:00:00Z"})");
  auto r = b.reader();
  EXPECT_EQ(r.date("a"), (Date{2024, 2, 29}));
  EXPECT_EQ(r.date("b"), std::nullopt);
  EXPECT_EQ(r.date("c"), std::nullopt);
  EXPECT_EQ(r.date("d"), std::nullopt);
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.error().fields.size(), 3u);
  for (const auto& f : s.error().fields)
    EXPECT_EQ(f.code, "invalid_format");
}

TEST(BodyReader, RawOfNullIsAbsent) {
  Body b(R"({"a":null,"b":{}})");
  auto r = b.reader();
  EXPECT_EQ(r.raw("a"), nullptr);
  EXPECT_NE(r.raw("b"), nullptr);
  EXPECT_TRUE(r.finish().ok());
}

TEST(BodyReader, CallerRulesAreClassifiedByCode) {
  Body b(R"({"start":"2026-10-09","end":"2026-10-01"})");
  auto r = b.reader();
  const auto start = r.date("start");
  const auto end = r.date("end");
  ASSERT_TRUE(start && end);
  if (*end < *start) r.add_error(r.pointer_of("end"), "out_of_range", "must not be before start");
  EXPECT_EQ(only_error(r), "/end out_of_range");
  EXPECT_EQ(code_of(r.finish()), ErrorCode::validation_failed);
  r.add_error("/x", "wrong_type", "must be a list");
  EXPECT_EQ(code_of(r.finish()), ErrorCode::invalid_request);
}

TEST(BodyReader, NestedReadersReportFullPointers) {
  Body b(R"({"lines":[{"sku":"A","qty":1},{"sku":"","qty":0,"colour":"red"},3]})");
  auto r = b.reader();
  const json::value* lines = r.raw("lines", Presence::required);
  ASSERT_NE(lines, nullptr);
  const json::array& a = lines->as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto line = BodyReader::from(a[i], r.pointer_of("lines") + "/" + std::to_string(i));
    if (!line.ok()) {
      r.add_errors(std::move(line).error());
      continue;
    }
    line->text("sku", Presence::required);
    line->integer("qty", Presence::required, {.min = 1});
    r.add_errors(line->finish());
  }
  const Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(code_of(s), ErrorCode::invalid_request);
  ASSERT_EQ(s.error().fields.size(), 4u);
  EXPECT_EQ(s.error().fields[0].field, "/lines/1/sku");
  EXPECT_EQ(s.error().fields[0].code, "required");
  EXPECT_EQ(s.error().fields[1].field, "/lines/1/qty");
  EXPECT_EQ(s.error().fields[1].code, "out_of_range");
  EXPECT_EQ(s.error().fields[2].field, "/lines/1/colour");
  EXPECT_EQ(s.error().fields[2].code, "unknown_field");
  EXPECT_EQ(s.error().fields[3].field, "/lines/2");
  EXPECT_EQ(s.error().fields[3].code, "wrong_type");
}

TEST(BodyReader, FinishCanBeCalledTwice) {
  Body b(R"({"x":1})");
  auto r = b.reader();
  EXPECT_EQ(only_error(r), "/x unknown_field");
  EXPECT_EQ(only_error(r), "/x unknown_field");
}

}  // namespace
}  // namespace fuwu::http
