#include "domain/notify/template.h"

#include <gtest/gtest.h>

#include "base/crypto.h"
#include "domain/notify/mail.h"

namespace fuwu::notify {
namespace {

TEST(NotifyTemplate, FillsPlaceholdersEscapedForTheChannel) {
  const Values v{{"title", "<b>宕机</b> & \"x\""}, {"number", "INC-2026-000042"}};
  EXPECT_EQ(render("{{number}}：{{title}}", v, Escape::text),
            "INC-2026-000042：<b>宕机</b> & \"x\"");
  EXPECT_EQ(render("{{title}}",
                   {{"title",
                     "a\x01"
                     "b\nc"}},
                   Escape::text),
            "ab\nc");
  EXPECT_EQ(render("**{{title}}**", {{"title", "a*b_[c](d)"}}, Escape::markdown),
            "**a\\*b\\_\\[c\\]\\(d\\)**");
}

TEST(NotifyTemplate, HeadersStayOneLine) {
  // A value cannot inject a header into an e-mail.
  EXPECT_EQ(render("Re: {{title}}", {{"title", "x\r\nBcc: evil@example.com"}}, Escape::header),
            "Re: x  Bcc: evil@example.com");
  EXPECT_EQ(subject_with_number("a\nb", "INC-2026-000001"), "[INC-2026-000001] a b");
  EXPECT_EQ(subject_with_number("[INC-2026-000001] a", "INC-2026-000001"), "[INC-2026-000001] a");
}

TEST(NotifyTemplate, UnknownAndMissingPlaceholders) {
  EXPECT_EQ(render("{{title}}-{{missing}}-{{Not A Name}}", {{"title", "t"}}, Escape::text),
            "t--{{Not A Name}}");
  EXPECT_EQ(unknown_placeholders("{{title}} {{nope}} {{nope}} {{url}}"),
            std::vector<std::string>{"nope"});
  EXPECT_EQ(render("{{title", {{"title", "t"}}, Escape::text), "{{title");
}

TEST(NotifyTemplate, NumberInSubject) {
  EXPECT_EQ(number_in_subject("Re: [INC-2026-000042] 打印机"), "INC-2026-000042");
  EXPECT_EQ(number_in_subject("回复：[REQ-2026-7] x"), "REQ-2026-7");
  EXPECT_EQ(number_in_subject("[ext] [inc-2026-1]"), "");
  EXPECT_EQ(number_in_subject("[INC-26-000042]"), "");
  EXPECT_EQ(number_in_subject("no number"), "");
}

TEST(NotifyMail, EncodesUtf8HeadersAndBody) {
  ASSERT_TRUE(crypto::init_crypto().ok());
  EXPECT_EQ(encode_header_words("plain subject"), "plain subject");
  const std::string long_zh =
      "服务器宕机服务器宕机服务器宕机服务器宕机服务器宕机服务器宕机服务器宕机";  // 105 bytes
  const std::string words = encode_header_words(long_zh);
  // Split into encoded words on character boundaries, each within 75 characters.
  std::size_t start = 0;
  std::string decoded;
  while (start < words.size()) {
    auto end = words.find("\r\n ", start);
    const std::string word = words.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 75u);
    ASSERT_EQ(word.rfind("=?UTF-8?B?", 0), 0u);
    decoded += word;
    start = end == std::string::npos ? words.size() : end + 3;
  }
  EXPECT_NE(words.find("\r\n "), std::string::npos);

  OutgoingMail m;
  m.from_address = "desk@example.com";
  m.from_name = "服务台";
  m.to_address = "a@example.com";
  m.subject = "[INC-2026-000001] 已受理";
  m.body = "第一行\n第二行";
  m.message_id = "<fuwu.1.INC-2026-000001@example.com>";
  m.in_reply_to = "<root@example.com>";
  m.record_number = "INC-2026-000001";
  m.date = Instant::from_unix(0);
  const std::string text = build_mail(m);
  EXPECT_NE(text.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(text.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text.find("To: <a@example.com>\r\n"), std::string::npos);
  EXPECT_NE(text.find("In-Reply-To: <root@example.com>\r\nReferences: <root@example.com>\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("Auto-Submitted: auto-generated\r\n"), std::string::npos);
  EXPECT_NE(text.find(crypto::base64_encode("第一行\r\n第二行")), std::string::npos);
}

}  // namespace
}  // namespace fuwu::notify
