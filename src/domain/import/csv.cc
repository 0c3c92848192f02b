#include "domain/import/csv.h"

#include <cstdint>
#include <iterator>

namespace fuwu::csv {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

bool blank(const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    if (!trim(f).empty()) return false;
  }
  return true;
}

}  // namespace

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= text.size()) return false;
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

Result<CsvTable> parse_csv(std::string_view text) {
  text = strip_bom(text);
  std::vector<CsvRecord> records;
  CsvRecord current;
  std::string field;
  int line = 1;
  current.line = 1;
  bool in_quotes = false, quoted = false, after_quote = false, any = false;
  auto end_field = [&] {
    current.fields.push_back(quoted ? field : trim(field));
    field.clear();
    quoted = after_quote = false;
  };
  auto end_record = [&] {
    end_field();
    if (!blank(current.fields)) records.push_back(std::move(current));
    current = CsvRecord{};
    current.line = line;
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n' || c == '\r') {
      ++line;
      end_record();
    } else if (c == '"' && trim(field).empty() && !after_quote) {
      in_quotes = quoted = true;
      field.clear();
    } else if (after_quote) {
      if (c == ' ' || c == '\t') continue;
      return Error(ErrorCode::invalid_request,
                   "line " + std::to_string(line) + ": text after a closing quote");
    } else {
      field += c;
      any = true;
    }
  }
  if (in_quotes) {
    return Error(ErrorCode::invalid_request,
                 "line " + std::to_string(current.line) + ": a quoted field is never closed");
  }
  if (any || !field.empty() || quoted || !current.fields.empty()) end_record();
  CsvTable table;
  if (records.empty()) return table;
  for (const auto& h : records.front().fields)
    table.header.push_back(trim(h));
  table.rows.assign(std::make_move_iterator(records.begin() + 1),
                    std::make_move_iterator(records.end()));
  return table;
}

}  // namespace fuwu::csv
