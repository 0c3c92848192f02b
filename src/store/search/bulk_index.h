// Building the full-text index of many new search documents at once (`fuwu seed`).
//
// Indexing a document costs more than writing its rows (tokens into FTS5's hash, segments,
// merges). For a bulk load into an empty index, a backend may build the index on a thread and
// connection of its own while the write unit inserts the rows, and put it in place at the end
// of that unit: the load then uses both cores.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/sql.h"

namespace fuwu::store {

class SearchBulkIndex {
 public:
  struct Document {
    std::int64_t ticket_id = 0;
    std::string title, body, internal;
  };
  virtual ~SearchBulkIndex() = default;
  // Queues documents for indexing; any thread, ascending ticket ids, each document once. The
  // write unit inserts the same documents into search_documents.
  virtual void add(std::vector<Document> documents) = 0;
  // After the last add(), from the same thread: there are no more documents, so the index can
  // be finished while the unit goes on with other work. Optional (install() finishes it too).
  virtual void done() = 0;
  // In the write unit that opened it, after the last add(): waits until every document is
  // indexed and makes that index the database's. An error leaves the unit to roll back.
  virtual Status install(Executor& ex) = 0;
};

// Opens a bulk index for the database that `ex` (a write unit) writes to, or returns nullptr
// when that database's index is not empty (the load then indexes as every write does).
using SearchBulkIndexFactory =
    std::function<Result<std::unique_ptr<SearchBulkIndex>>(Executor& ex)>;

}  // namespace fuwu::store
