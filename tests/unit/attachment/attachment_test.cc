#include "domain/attachment/attachment.h"

#include <gtest/gtest.h>

#include "base/crypto.h"

namespace fuwu::attachment {
namespace {

TEST(AttachmentFilename, AcceptsChineseAndRefusesPathsAndControls) {
  EXPECT_TRUE(check_filename("故障截图 (1).png").ok());
  EXPECT_TRUE(check_filename("a").ok());
  const std::string_view nul("a\0b", 3);
  for (std::string_view bad : {std::string_view(""), std::string_view("."), std::string_view(".."),
                               std::string_view("a/b"), std::string_view("a\\b"),
                               std::string_view("a\nb"), nul, std::string_view("a\x7f")}) {
    const auto st = check_filename(bad);
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(st.error().fields.at(0).field, "filename");
  }
  EXPECT_FALSE(check_filename(std::string(256, 'x')).ok());
  EXPECT_TRUE(check_filename(std::string(255, 'x')).ok());
}

TEST(AttachmentFilename, ForbiddenExtensionsByTheLastOneIgnoringTrailingDotsAndSpaces) {
  Limits l;
  EXPECT_TRUE(forbidden_extension(l, "setup.exe"));
  EXPECT_TRUE(forbidden_extension(l, "Invoice.PDF.Exe"));
  EXPECT_TRUE(forbidden_extension(l, "setup.exe. . "));
  EXPECT_FALSE(forbidden_extension(l, "setup.exe.pdf"));
  EXPECT_FALSE(forbidden_extension(l, "README"));
  EXPECT_FALSE(forbidden_extension(l, "报告.docx"));
  l.forbidden_extensions = parse_list(" PDF, ,docx ");
  EXPECT_EQ(l.forbidden_extensions, (std::vector<std::string>{"pdf", "docx"}));
  EXPECT_TRUE(forbidden_extension(l, "a.pdf"));
  EXPECT_FALSE(forbidden_extension(l, "a.exe"));
}

TEST(AttachmentTypes, ForbiddenAndInline) {
  Limits l;
  EXPECT_TRUE(forbidden_type(l, "application/x-dosexec"));
  EXPECT_TRUE(forbidden_type(l, "Text/X-Shellscript"));
  EXPECT_FALSE(forbidden_type(l, "application/pdf"));
  EXPECT_TRUE(inline_image("image/png"));
  EXPECT_TRUE(inline_image("image/jpeg"));
  EXPECT_FALSE(inline_image("image/svg+xml"));
  EXPECT_FALSE(inline_image("text/html"));
}

TEST(AttachmentChunks, PlanCoversTheFileExactly) {
  EXPECT_EQ(chunk_count(0, 10), 0);
  EXPECT_EQ(chunk_count(1, 10), 1);
  EXPECT_EQ(chunk_count(10, 10), 1);
  EXPECT_EQ(chunk_count(11, 10), 2);
  EXPECT_EQ(expected_chunk_size(25, 10, 0), 10);
  EXPECT_EQ(expected_chunk_size(25, 10, 1), 10);
  EXPECT_EQ(expected_chunk_size(25, 10, 2), 5);
  EXPECT_EQ(expected_chunk_size(25, 10, 3), -1);
  EXPECT_EQ(expected_chunk_size(25, 10, -1), -1);
  EXPECT_EQ(expected_chunk_size(20, 10, 1), 10);
}

TEST(AttachmentDisposition, Rfc6266WithRfc5987Name) {
  EXPECT_EQ(content_disposition(Disposition::attachment, "报告.pdf"),
            "attachment; filename=\"__.pdf\"; "
            "filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf");
  EXPECT_EQ(content_disposition(Disposition::inline_view, "a \"b\"\\c%.png"),
            "inline; filename=\"a _b__c_.png\"; filename*=UTF-8''a%20%22b%22%5Cc%25.png");
}

TEST(AttachmentHash, ValidSha256AndStreamingDigest) {
  ASSERT_TRUE(crypto::init_crypto().ok());
  EXPECT_TRUE(valid_sha256_hex(crypto::sha256_hex("x")));
  EXPECT_FALSE(valid_sha256_hex(std::string(64, 'A')));
  EXPECT_FALSE(valid_sha256_hex(std::string(63, 'a')));
  crypto::Sha256 h;
  h.update("服务");
  h.update("");
  h.update("台 desk");
  EXPECT_EQ(h.hex_digest(), crypto::sha256_hex("服务台 desk"));
}

}  // namespace
}  // namespace fuwu::attachment
