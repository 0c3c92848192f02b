// The PDF layout module: documents come out as PDF with the Chinese font embedded, pages break
// when the content is long, and a bad image is a problem rather than a broken document.
#include <gtest/gtest.h>

#include <cairo.h>

#include "report/pdf/document.h"
#include "report/repair_sheet.h"

namespace fuwu::report {
namespace {

int page_count(const std::string& pdf) {
  int n = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
  }
  return n;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string small_png() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 20);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, 2, 18);
  cairo_line_to(cr, 38, 2);
  cairo_stroke(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(s, append, &out);
  cairo_surface_destroy(s);
  return out;
}

TEST(Pdf, ChineseTextEmbedsTheCjkFont) {
  pdf::Document doc({.title = "测试", .footer = "服务中心"});
  doc.heading("产品维修单");
  doc.fields({{"序列号", "JX4LZ-2026-0001"}, {"客户", "德阳农机合作社"}, {"故障", "启动机不转"}});
  doc.table({"配件", "数量"}, {{"启动机 12V", "1 个"}});
  auto pdf = doc.finish();
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf->find("NotoSansCJK"), std::string::npos) << "the CJK font is not embedded";
  EXPECT_EQ(page_count(*pdf), 1);
  EXPECT_EQ(pdf->find("NotoSansCJKsc-Bold"), std::string::npos) << "one face unless asked";
  EXPECT_LT(pdf->size(), 1'200'000u);
  EXPECT_FALSE(doc.finish().ok());
}

TEST(Pdf, LongContentBreaksPages) {
  pdf::Document doc;
  std::vector<std::vector<std::string>> rows(120, {"QDJ-12V", "启动机 12V 更换后自检正常", "1"});
  doc.table({"配件号", "名称", "数量"}, rows);
  doc.paragraph(std::string(3000, 'x') + "，" + "故障现象描述很长很长。");
  auto pdf = doc.finish();
  ASSERT_TRUE(pdf.ok());
  EXPECT_GE(page_count(*pdf), 3);
}

TEST(Pdf, LandscapeTurnsThePage) {
  // A4 is 595.276 × 841.89 points, as the page's MediaBox says.
  for (bool landscape : {false, true}) {
    pdf::Document doc({.landscape = landscape});
    doc.table({"故障代码", "工单"}, {{"E-STARTER", "2"}});
    auto pdf = doc.finish();
    ASSERT_TRUE(pdf.ok());
    const std::string box =
        landscape ? "/MediaBox [ 0 0 841.89 595.276 ]" : "/MediaBox [ 0 0 595.276 841.89 ]";
    EXPECT_NE(pdf->find(box), std::string::npos) << "landscape " << landscape;
  }
}

TEST(Pdf, ImagesAreChecked) {
  pdf::Document doc;
  EXPECT_TRUE(doc.image_png(small_png(), 100, 50, "签字").ok());
  auto bad = doc.image_png("GIF89a not a png", 100, 50);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).code, "not_an_image");
  EXPECT_TRUE(doc.finish().ok());
}

TEST(Pdf, InvalidUtf8IsReplacedNotFatal) {
  pdf::Document doc;
  doc.paragraph(std::string("坏\xff\xfe字节"));
  EXPECT_TRUE(doc.finish().ok());
}

TEST(RepairSheet, RendersEveryPart) {
  RepairSheetDocument d;
  d.issuer = "成都服务中心";
  d.number = "WO-2026-000001";
  d.order = {{"工单号 / Order", d.number}, {"序列号 / Serial", "JX4LZ-2026-0001"}};
  d.fault_phenomenon = "启动机不转";
  d.parts = {{"QDJ-12V", "启动机 12V", "1 个", "是 / yes"}};
  d.fee = "免费（保修期内）";
  d.signature_png = small_png();
  d.signer = "张经理";
  auto pdf = render_repair_sheet(d);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(page_count(*pdf), 1);
  d.signature_png = "not a png";
  EXPECT_TRUE(render_repair_sheet(d).ok()) << "a broken signature image is noted, not fatal";
}

}  // namespace
}  // namespace fuwu::report
