// CSV reading for `fuwu import`: quotes, embedded line breaks, BOM, line numbers, encodings.
#include <gtest/gtest.h>

#include "base/text_encoding.h"
#include "domain/import/csv.h"

namespace fuwu::csv {
namespace {

TEST(Csv, HeaderRowsAndLineNumbers) {
  auto t = parse_csv(
      "\xEF\xBB\xBFname, kind\r\n甲公司,customer\r\n\r\n\"乙, 公司\",\"say \"\"hi\"\"\"\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, (std::vector<std::string>{"name", "kind"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[0].fields, (std::vector<std::string>{"甲公司", "customer"}));
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_EQ(t->rows[1].fields, (std::vector<std::string>{"乙, 公司", "say \"hi\""}));
  EXPECT_EQ(t->column("kind"), 1);
  EXPECT_EQ(t->column("code"), -1);
}

TEST(Csv, QuotedLineBreaksKeepTheStartLine) {
  auto t = parse_csv("title,description\nA,\"line one\nline two\"\nB,x");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields[1], "line one\nline two");
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_EQ(t->rows[1].fields, (std::vector<std::string>{"B", "x"}));
}

TEST(Csv, EmptyFieldsAndTrailingComma) {
  auto t = parse_csv("a,b,c\n1,,\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows.at(0).fields, (std::vector<std::string>{"1", "", ""}));
}

TEST(Csv, MalformedQuotesNameTheLine) {
  auto open = parse_csv("a\n\"never closed\n");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.error().message.find("line 2"), std::string::npos);
  auto after = parse_csv("a,b\n\"x\"y,1\n");
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.error().message.find("line 2"), std::string::npos);
}

TEST(Csv, EmptyFile) {
  auto t = parse_csv("");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->header.empty());
  EXPECT_TRUE(t->rows.empty());
}

TEST(Csv, Utf8Validity) {
  EXPECT_TRUE(valid_utf8("服务台 ok"));
  EXPECT_FALSE(valid_utf8("\xB7\xFE\xCE\xF1"));  // 服务 in GBK
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xE6\x9C"));          // truncated
}

TEST(TextEncoding, GbkAndGb18030ToUtf8) {
  auto gbk = to_utf8("\xB7\xFE\xCE\xF1\xCC\xA8", "GBK");
  ASSERT_TRUE(gbk.ok()) << gbk.error().message;
  EXPECT_EQ(*gbk, "服务台");
  auto gb = to_utf8("\xB7\xFE\xCE\xF1", "gb18030");
  ASSERT_TRUE(gb.ok());
  EXPECT_EQ(*gb, "服务");
  EXPECT_EQ(*to_utf8("abc", "utf-8"), "abc");
  EXPECT_FALSE(to_utf8("\xFF\xFF", "utf-8").ok());
  EXPECT_FALSE(to_utf8("abc", "latin-9").ok());
}

}  // namespace
}  // namespace fuwu::csv
