// A generic XLSX writer over libxlsxwriter (the only code that includes xlsxwriter.h): sheets of
// a title line, a bold header row (frozen) and rows of text, whole numbers, decimals or money
// (minor units shown with two decimals). Used by the monthly statistics and the survey reports.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/result.h"

namespace fuwu::report {

struct Money {
  std::int64_t cents = 0;
};

using Cell = std::variant<std::monostate, std::string, std::int64_t, double, Money>;

struct Sheet {
  std::string name;   // at most 31 characters, no []:*?/\ (replaced by _)
  std::string title;  // first row, bold; "" for none
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<double> widths;  // column widths in characters; default 14
};

// The workbook's bytes. internal when the library fails (e.g. no temporary directory).
Result<std::string> xlsx_workbook(const std::vector<Sheet>& sheets);

}  // namespace fuwu::report
