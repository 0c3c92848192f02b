#include "store/sqlite/fts5_structure.h"

#include <cstdint>
#include <vector>

namespace fuwu::store::sqlite {
namespace {

// SQLite's varint: big-endian groups of 7 bits, the high bit set on all but the last; the ninth
// byte, if any, gives 8 bits.
bool get_varint(std::string_view in, std::size_t& at, std::uint64_t& v) {
  v = 0;
  for (int i = 0; i < 9; ++i) {
    if (at >= in.size()) return false;
    const auto b = static_cast<unsigned char>(in[at++]);
    if (i == 8) {
      v = (v << 8) | b;
      return true;
    }
    v = (v << 7) | (b & 0x7f);
    if (!(b & 0x80)) return true;
  }
  return false;
}

void put_varint(std::string& out, std::uint64_t v) {
  if (v > 0x00ffffffffffffffULL) {  // nine bytes: 8 × 7 bits, then 8 bits
    char buf[9];
    buf[8] = static_cast<char>(v & 0xff);
    v >>= 8;
    for (int i = 7; i >= 0; --i) {
      buf[i] = static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out.append(buf, 9);
    return;
  }
  char buf[10];
  int n = 0;
  do {
    buf[n++] = static_cast<char>(v & 0x7f);
    v >>= 7;
  } while (v);
  for (int i = n - 1; i >= 0; --i)
    out += static_cast<char>(buf[i] | (i ? 0x80 : 0));
}

struct Segment {
  std::uint64_t id, first, last;
};

}  // namespace

std::optional<std::string> lift_segments(std::string_view record, int level) {
  if (record.size() < 4 || level < 1 || level > 60) return std::nullopt;
  if (record.substr(0, 4) == std::string_view("\xff\x00\x00\x01", 4)) return std::nullopt;
  std::size_t at = 4;
  std::uint64_t levels = 0, count = 0, writes = 0;
  if (!get_varint(record, at, levels) || !get_varint(record, at, count) ||
      !get_varint(record, at, writes) || levels > 64) {
    return std::nullopt;
  }
  std::vector<Segment> segments;  // oldest first: higher levels, then each level's in order
  std::vector<std::vector<Segment>> by_level(levels);
  for (std::uint64_t l = 0; l < levels; ++l) {
    std::uint64_t merging = 0, n = 0;
    if (!get_varint(record, at, merging) || !get_varint(record, at, n) || merging != 0 ||
        n > count) {
      return std::nullopt;
    }
    for (std::uint64_t i = 0; i < n; ++i) {
      Segment s{};
      if (!get_varint(record, at, s.id) || !get_varint(record, at, s.first) ||
          !get_varint(record, at, s.last)) {
        return std::nullopt;
      }
      by_level[l].push_back(s);
    }
  }
  if (at != record.size()) return std::nullopt;
  for (auto l = by_level.rbegin(); l != by_level.rend(); ++l)
    segments.insert(segments.end(), l->begin(), l->end());
  if (segments.size() != count || segments.empty()) return std::nullopt;

  const auto top = static_cast<std::uint64_t>(level) + segments.size() - 1;
  std::uint32_t cookie = 0;
  for (int i = 0; i < 4; ++i)
    cookie = (cookie << 8) | static_cast<unsigned char>(record[static_cast<std::size_t>(i)]);
  ++cookie;
  std::string out;
  for (int i = 3; i >= 0; --i)
    out += static_cast<char>((cookie >> (8 * i)) & 0xff);
  put_varint(out, top + 1);
  put_varint(out, count);
  put_varint(out, writes);
  for (std::uint64_t l = 0; l <= top; ++l) {
    put_varint(out, 0);
    if (l < static_cast<std::uint64_t>(level)) {
      put_varint(out, 0);
      continue;
    }
    // The oldest segment on the top level, the newest on `level`.
    const Segment& s = segments[top - l];
    put_varint(out, 1);
    put_varint(out, s.id);
    put_varint(out, s.first);
    put_varint(out, s.last);
  }
  return out;
}

int level_for_pages(long long pages) {
  int level = 0;
  while (pages >= 4 && level < 30) {
    pages /= 4;
    ++level;
  }
  return level < 1 ? 1 : level;
}

}  // namespace fuwu::store::sqlite
