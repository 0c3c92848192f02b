// The e-mail parser (src/mail) on the MIME corpus in tests/fuzz/mail_corpus: RFC 2047 headers,
// GB2312 / GBK / GB18030 / Big5 bodies, multipart with inline (cid) images and attachments,
// HTML-only mail, loop protection, deep nesting and malformed input.
#include "mail/parse.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace fuwu::mail {
namespace {

ParsedMail load(const std::string& name) {
  std::ifstream in(std::string(FUWU_SOURCE_DIR) + "/tests/fuzz/mail_corpus/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_FALSE(ss.str().empty()) << name;
  auto m = parse_mail(ss.str());
  EXPECT_TRUE(m.ok()) << name;
  return m.ok() ? *m : ParsedMail{};
}

TEST(MailParse, Utf8AndRfc2047) {
  const auto m = load("plain_utf8.eml");
  EXPECT_EQ(m.subject, "打印机卡纸");
  EXPECT_EQ(m.from_address, "alice@customer.example");
  EXPECT_EQ(m.from_name, "张丽");
  EXPECT_EQ(m.message_id, "m1@customer.example");
  EXPECT_EQ(m.text, "打印机无法打印，请帮忙。\r\n");
  EXPECT_EQ(loop_reason(m, "desk.example", "support@desk.example"), "");
}

TEST(MailParse, ChineseCharsets) {
  auto gb = load("gb2312.eml");
  EXPECT_EQ(gb.subject, "服务器宕机");
  EXPECT_EQ(gb.from_name, "王工");
  EXPECT_NE(gb.text.find("服务器宕机了，请尽快处理。"), std::string::npos);
  // GBK characters in a message that says GB2312 (common in practice) are read as GB18030.
  auto gbk = load("gbk_as_gb2312.eml");
  EXPECT_NE(gbk.text.find("王喆的电脑蓝屏"), std::string::npos) << gbk.text;
  EXPECT_EQ(gbk.subject, "王喆的电脑");
  auto big5 = load("big5.eml");
  EXPECT_EQ(big5.subject, "網路中斷");
  EXPECT_NE(big5.text.find("辦公室網路中斷了"), std::string::npos);
  auto g18030 = load("gb18030.eml");
  EXPECT_EQ(g18030.subject, "系统告警");
  EXPECT_NE(g18030.text.find("系统告警：磁盘已满"), std::string::npos);
}

TEST(MailParse, MultipartWithInlineImageAndAttachment) {
  const auto m = load("related_cid.eml");
  EXPECT_EQ(m.text, "See the screenshot.");
  EXPECT_NE(m.html.find("cid:shot1@x"), std::string::npos);
  ASSERT_EQ(m.attachments.size(), 2u);
  EXPECT_EQ(m.attachments[0].content_type, "image/png");
  EXPECT_EQ(m.attachments[0].content_id, "shot1@x");
  EXPECT_TRUE(m.attachments[0].inline_part);
  EXPECT_EQ(m.attachments[0].bytes.substr(0, 4), "\x89PNG");
  EXPECT_EQ(m.attachments[1].filename, "报告.pdf");
  EXPECT_FALSE(m.attachments[1].inline_part);
  EXPECT_EQ(m.attachments[1].bytes, "%PDF-1.4\n");
}

TEST(MailParse, HtmlOnly) {
  const auto m = load("html_only.eml");
  EXPECT_TRUE(m.text.empty());
  EXPECT_NE(m.html.find("<p>Line one &amp; more</p>"), std::string::npos) << m.html;
}

TEST(MailParse, LoopProtection) {
  EXPECT_EQ(loop_reason(load("autoreply.eml"), "desk.example", ""), "auto_reply");
  EXPECT_EQ(loop_reason(load("bounce.eml"), "desk.example", ""), "bounce");
  ParsedMail own;
  own.message_id = "fuwu.7.INC-2026-000001@desk.example";
  EXPECT_EQ(loop_reason(own, "desk.example", ""), "own");
  ParsedMail tagged;
  tagged.fuwu_record = "INC-2026-000001";
  EXPECT_EQ(loop_reason(tagged, "desk.example", ""), "own");
  ParsedMail from_us;
  from_us.from_address = "support@desk.example";
  EXPECT_EQ(loop_reason(from_us, "desk.example", "Support@Desk.example"), "own");
  ParsedMail bulk;
  bulk.precedence = "bulk";
  EXPECT_EQ(loop_reason(bulk, "desk.example", ""), "auto_reply");
  ParsedMail human;
  human.auto_submitted = "no";
  EXPECT_EQ(loop_reason(human, "desk.example", ""), "");
}

TEST(MailParse, Threading) {
  const auto m = load("reply.eml");
  EXPECT_EQ(m.in_reply_to, "fuwu.1.INC-2026-000001@desk.example");
  ASSERT_EQ(m.references.size(), 2u);
  EXPECT_EQ(m.references[0], "root@customer.example");
  EXPECT_EQ(m.subject, "Re: [INC-2026-000001] 已受理：打印机卡纸");
}

TEST(MailParse, DeepAndMalformedInputDoNotBreakIt) {
  const auto deep = load("nested.eml");
  EXPECT_EQ(deep.subject, "deep");
  auto bad = parse_mail(std::string("From: <<<broken\r\nSubject: x\r\n\r\n\xff\xfe"));
  EXPECT_TRUE(bad.ok());
  (void)load("malformed.eml");
  auto empty = parse_mail("");
  (void)empty;  // may fail, must not crash
}

}  // namespace
}  // namespace fuwu::mail
