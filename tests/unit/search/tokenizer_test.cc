#include "store/search/tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fuwu::search {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> texts(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : tokenize(s))
    out.push_back(t.text);
  return out;
}

std::vector<std::string> terms(std::string_view s) {
  auto q = parse_query(s);
  EXPECT_TRUE(q.ok()) << s;
  return q.ok() ? q->terms : std::vector<std::string>{};
}

TEST(Tokenizer, ChineseIsSingleCharactersPlusOverlappingBigrams) {
  EXPECT_THAT(texts("服务器宕机"),
              UnorderedElementsAre("服", "务", "器", "宕", "机", "服务", "务器", "器宕", "宕机"));
}

TEST(Tokenizer, OffsetsPointAtTheSourceBytes) {
  const std::string s = "VPN 连接";
  const auto tokens = tokenize(s);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0], (Token{"vpn", 0, 3}));
  EXPECT_EQ(s.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "连接");
}

TEST(Tokenizer, LatinWordsAreLowerCasedAndPunctuationDropped) {
  EXPECT_THAT(texts("VPN 连接失败, Error-42!"),
              ElementsAre("vpn", "连", "连接", "接", "接失", "失", "失败", "败", "error", "42"));
}

TEST(Tokenizer, FullWidthAsciiIsFoldedToHalfWidth) {
  EXPECT_THAT(texts("ＶＰＮ１２，ＯＫ"), ElementsAre("vpn12", "ok"));
}

TEST(Tokenizer, OtherScriptsAreWords) {
  EXPECT_THAT(texts("Ärger ΣΟΦΙΑ Привет café"), ElementsAre("ärger", "σοφια", "привет", "café"));
}

TEST(Tokenizer, KanaAndHangulAreCjk) {
  EXPECT_THAT(texts("プリンタ"),
              UnorderedElementsAre("プ", "リ", "ン", "タ", "プリ", "リン", "ンタ"));
  EXPECT_THAT(texts("서버"), UnorderedElementsAre("서", "버", "서버"));
}

TEST(Tokenizer, ChinesePunctuationSeparatesRuns) {
  EXPECT_THAT(texts("网络。打印"), UnorderedElementsAre("网", "络", "网络", "打", "印", "打印"));
}

TEST(Tokenizer, InvalidUtf8IsASeparator) {
  EXPECT_THAT(texts("ab\xff"
                    "cd\xe6\x9c"),
              ElementsAre("ab", "cd"));
  EXPECT_THAT(texts("\xc0\xaf"
                    "x"),
              ElementsAre("x"));  // overlong '/'
  EXPECT_TRUE(texts("").empty());
}

TEST(Tokenizer, LongWordsAreCut) {
  const auto t = texts(std::string(1000, 'a'));
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].size(), kMaxTokenBytes);
}

TEST(Query, ChineseRunsBecomeBigramsAnded) {
  EXPECT_THAT(terms("宕机"), ElementsAre("宕机"));
  EXPECT_THAT(terms("服务器宕机"), ElementsAre("服务", "务器", "器宕", "宕机"));
  EXPECT_THAT(terms("机"), ElementsAre("机"));
  EXPECT_THAT(terms("VPN 失败"), ElementsAre("vpn", "失败"));
}

TEST(Query, PhrasesGiveAllTheirTokens) {
  EXPECT_THAT(terms("\"printer jam\" 打印"), ElementsAre("printer", "jam", "打印"));
  EXPECT_THAT(terms("“打印机”"), ElementsAre("打印", "印机"));
}

TEST(Query, TermsAreDistinct) {
  EXPECT_THAT(terms("vpn VPN ｖｐｎ"), ElementsAre("vpn"));
}

TEST(Query, SyntaxErrorsAreInvalidRequest) {
  for (const char* q : {"", "   ", "\"unclosed", "a \"b\" \"c", "!!! ,,,"}) {
    auto r = parse_query(q);
    ASSERT_FALSE(r.ok()) << q;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_request) << q;
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "q");
  }
  EXPECT_FALSE(parse_query(std::string(201, 'a')).ok());
  EXPECT_TRUE(parse_query(std::string(200, 'a')).ok());
  std::string chinese;
  for (int i = 0; i < 200; ++i)
    chinese += "机";
  EXPECT_TRUE(parse_query(chinese).ok());
  EXPECT_FALSE(parse_query(chinese + "机").ok());
}

TEST(Query, Renderings) {
  auto q = parse_query("宕机 vpn");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(fts5_match(*q), "\"宕机\" AND \"vpn\"");
  EXPECT_EQ(tsquery(*q, "AB"), "'宕机':AB & 'vpn':AB");
  EXPECT_EQ(tsquery(*q, ""), "'宕机' & 'vpn'");
  EXPECT_EQ(tsvector({{"VPN 宕", 'A'}, {"vpn", 'B'}}), "'vpn':1A,3B '宕':2A");
}

TEST(Snippet, MarksMatchesAndEscapesTheRest) {
  auto q = parse_query("宕机");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(snippet("<b>服务器宕机</b>", *q), "&lt;b&gt;服务器<mark>宕机</mark>&lt;/b&gt;");
  EXPECT_EQ(snippet("nothing here", *q), "");
  auto v = parse_query("vpn");
  ASSERT_TRUE(v.ok());
  const std::string long_text = std::string(100, 'x') + " VPN 连接失败 " + std::string(100, 'y');
  const std::string s = snippet(long_text, *v, 30, 5);
  EXPECT_TRUE(s.starts_with("…")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_NE(s.find("<mark>VPN</mark>"), std::string::npos) << s;
}

TEST(Snippet, OverlappingBigramsMergeIntoOneMark) {
  auto q = parse_query("服务器");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(snippet("的服务器坏了", *q), "的<mark>服务器</mark>坏了");
}

}  // namespace
}  // namespace fuwu::search
