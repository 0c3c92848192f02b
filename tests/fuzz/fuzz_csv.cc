// libFuzzer target: the CSV reader of `fuwu import` on arbitrary bytes. Records start on
// increasing lines, never before line 1, and the table's rows never hold the header.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/import/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)fuwu::csv::valid_utf8(input);
  auto table = fuwu::csv::parse_csv(input);
  if (!table.ok()) return 0;
  int last = 1;
  for (const auto& row : table->rows) {
    if (row.line < 2) std::abort();  // line 1 is the header
    if (row.line < last) std::abort();
    last = row.line;
  }
  return 0;
}
