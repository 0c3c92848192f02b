#include "report/xlsx/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fuwu::report {
namespace {

std::string sheet_name(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name) {
    const bool bad =
        c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\';
    out += bad ? '_' : c;
  }
  // 31 characters at most; cut on a UTF-8 boundary (xlsx counts characters, this counts bytes,
  // which is stricter).
  if (out.size() > 31) {
    std::size_t n = 31;
    while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80)
      --n;
    out.resize(n);
  }
  return out.empty() ? "Sheet" + std::to_string(index + 1) : out;
}

struct TempFile {
  std::string path;
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/fuwu-xlsx-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd >= 0) {
      ::close(fd);
      path = tmpl;
    }
  }
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

}  // namespace

Result<std::string> xlsx_workbook(const std::vector<Sheet>& sheets) {
  TempFile file;
  if (file.path.empty()) return Error(ErrorCode::internal, "no temporary file for the workbook");
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (wb == nullptr) return Error(ErrorCode::internal, "the workbook could not be created");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xE8EEF7);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  lxw_format* decimal = workbook_add_format(wb);
  format_set_num_format(decimal, "0.0");
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    const Sheet& sheet = sheets[s];
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(sheet.name, s).c_str());
    if (ws == nullptr) {
      workbook_close(wb);
      return Error(ErrorCode::internal, "the worksheet could not be added");
    }
    const std::size_t columns = sheet.header.size();
    for (std::size_t c = 0; c < columns; ++c) {
      const double w = c < sheet.widths.size() ? sheet.widths[c] : 14.0;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
    lxw_row_t row = 0;
    if (!sheet.title.empty()) {
      worksheet_write_string(ws, row, 0, sheet.title.c_str(), bold);
      row += 2;
    }
    for (std::size_t c = 0; c < columns; ++c) {
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), header);
    }
    worksheet_freeze_panes(ws, row + 1, 0);
    ++row;
    for (const auto& cells : sheet.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        const Cell& cell = cells[c];
        if (const auto* t = std::get_if<std::string>(&cell)) {
          worksheet_write_string(ws, row, col, t->c_str(), nullptr);
        } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
          worksheet_write_number(ws, row, col, static_cast<double>(*i), nullptr);
        } else if (const auto* d = std::get_if<double>(&cell)) {
          worksheet_write_number(ws, row, col, *d, decimal);
        } else if (const auto* m = std::get_if<Money>(&cell)) {
          worksheet_write_number(ws, row, col, static_cast<double>(m->cents) / 100.0, money);
        }
      }
      ++row;
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    return Error(ErrorCode::internal, "the workbook could not be written");
  }
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace fuwu::report
