// A small flowing-layout PDF writer for reports (repair sheets, CRM reports): headings,
// paragraphs, label/value blocks, tables with wrapping cells, PNG images and rules, laid out top
// to bottom on A4 pages with automatic page breaks and a page footer. Text is shaped by Pango
// (Chinese with Noto CJK, which the PDF embeds as a subset) and drawn by cairo into memory.
//
//   pdf::Document doc({.title = "产品维修单"});
//   doc.heading("产品维修单 / Repair sheet");
//   doc.fields({{"工单号 / Order", "WO-2026-000123"}, {"序列号 / Serial", "JX4LZ-2026-0001"}});
//   doc.table({"配件", "数量"}, {{"启动机 12V", "1"}}, {3, 1});
//   TRY_VOID(doc.image_png(bytes, 160, 60));
//   std::string pdf = TRY(doc.finish());
//
// No I/O besides fonts (fontconfig). A Document is used by one thread at a time; separate
// Documents may be built on separate threads. Text is UTF-8; invalid UTF-8 is replaced, never an
// error. Every call after finish() is ignored.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace fuwu::report::pdf {

struct Options {
  std::string title;   // PDF metadata
  std::string footer;  // left of the page footer ("第 n 页 / Page n" on the right)
  std::string font = "Noto Sans CJK SC";
  // Draw headings and labels in the bold face too. Off by default: cairo 1.16 keeps a CJK font's
  // whole subroutine table in its subset, so each face embedded costs about 850 KB; without it
  // headings stand out by size and labels by their grey cells.
  bool bold_face = false;
  double font_size = 10;   // points
  double margin = 42;      // points on every side (A4 is 595 × 842 points)
  bool landscape = false;  // A4 turned (842 × 595 points): for wide tables
};

class Document {
 public:
  explicit Document(Options options = {});
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // level 1: the document title (centred, large); 2: a section heading with a rule under it.
  void heading(std::string_view text, int level = 1);
  void paragraph(std::string_view text);
  // Label/value rows in two columns each (label bold), like the head of a form.
  void fields(const std::vector<std::pair<std::string, std::string>>& rows);
  // A table with a bold header row and borders; `weights` share the width between the columns
  // (default: equal). Cells wrap; a row never splits across pages.
  void table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows,
             const std::vector<double>& weights = {});
  // A PNG scaled down (never up) to fit max_width × max_height points, with a caption under it.
  // validation_failed when the bytes are not a PNG cairo can read.
  Status image_png(std::string_view png, double max_width, double max_height,
                   std::string_view caption = {});
  void space(double points);
  void rule();

  // The PDF's bytes; call once.
  Result<std::string> finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fuwu::report::pdf
