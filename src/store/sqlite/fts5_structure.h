// FTS5's structure record (row 10 of an FTS5 table's _data shadow table): which segments the
// index has, on which level of its merge tree. Documented in SQLite's ext/fts5/fts5_index.c:
//
//   4-byte big-endian cookie, varint levels, varint segments, varint write counter, then per
//   level: varint segments being merged, varint segments, and per segment: varint id, varint
//   first page, varint last page.
//
// (SQLite 3.44 and later may write a second version, which starts with the bytes FF 00 00 01;
// lift_segments leaves that alone.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fuwu::store::sqlite {

// FTS5 merges the segments of a level when it holds four, and a level's output goes one level
// up. An index built in one go (store/sqlite/search_bulk_index) is one big segment on level 0,
// so the first few ordinary writes next to it would merge it with theirs, rewriting the whole
// index inside a request. Placed as high as a tree of that size would have grown, it is left
// alone until the writes after it have built a tree as big.
//
// Returns the record with every segment moved up to `level` and above (the oldest highest, one
// per level) and the cookie advanced; nullopt when the record is not one this understands, or a
// merge is under way (leave the index as it is then).
std::optional<std::string> lift_segments(std::string_view record, int level);

// The level a segment of `pages` leaf pages would have reached: log4 of its size, at least 1.
int level_for_pages(long long pages);

}  // namespace fuwu::store::sqlite
