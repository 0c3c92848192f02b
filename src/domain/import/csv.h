// CSV as RFC 4180 writes it (comma separated, fields in double quotes may hold commas, quotes
// doubled, and line breaks), read from UTF-8 text with or without a byte order mark, with the
// physical line on which each record starts, so import reports can name it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace fuwu::csv {

struct CsvRecord {
  int line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;  // trimmed
  std::vector<CsvRecord> rows;      // without blank lines

  // The index of a header column, or -1.
  int column(std::string_view name) const;
};

// invalid_request naming the line for an unterminated quote or text after a closing quote;
// an empty file is a table without header and rows. CRLF and LF line ends both work.
Result<CsvTable> parse_csv(std::string_view utf8_text);

// Removes a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view text);

// Whether `text` is valid UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view text);

}  // namespace fuwu::csv
