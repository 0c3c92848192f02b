// The SQLite bulk search index (store/search/bulk_index.h): an FTS5 index built in a file of its
// own beside the database, on a thread of its own, whose shadow tables are then copied into the
// database's empty index inside the write unit.
#pragma once

#include <string>

#include "store/search/bulk_index.h"

namespace fuwu::store::sqlite {

// `database_path`: the SQLite file the write units write to; the side index is built in
// `database_path + ".search-build"` and removed afterwards.
SearchBulkIndexFactory search_bulk_index(std::string database_path);

}  // namespace fuwu::store::sqlite
