#include "store/sqlite/search_bulk_index.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <limits>
#include <mutex>
#include <thread>

#include "store/sqlite/connection.h"
#include "store/sqlite/fts5_structure.h"

namespace fuwu::store::sqlite {
namespace {

using detail::Access;
using detail::Connection;

// FTS5's shadow tables of ticket_search (external content: no _content table), with the
// columns that identify a row, in the order a copy reads them.
struct Shadow {
  const char* table;
  const char* columns;
  const char* key;  // an INTEGER PRIMARY KEY to read in pages by, or nullptr for a small table
};
constexpr Shadow kShadows[] = {{"ticket_search_data", "id, block", "id"},
                               {"ticket_search_idx", "segid, term, pgno", nullptr},
                               {"ticket_search_docsize", "id, sz", "id"},
                               {"ticket_search_config", "k, v", nullptr}};
constexpr std::int64_t kCopyPage = 4096;
// The _data row holding FTS5's structure record (FTS5_STRUCTURE_ROWID).
constexpr std::int64_t kStructureRowid = 10;
// FTS5 flushes its in-memory terms to a new segment when they pass this size (1 MB by default):
// one segment (or a few) for the whole load instead of hundreds to be merged. The side index
// does not merge them (automerge 0): install() puts each on a level of its own.
constexpr std::int64_t kSideHashBytes = 256LL * 1024 * 1024;

void remove_file(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  std::filesystem::remove(path + "-journal", ec);
}

class SqliteBulkIndex final : public SearchBulkIndex {
 public:
  SqliteBulkIndex(std::string path, std::unique_ptr<Connection> side, std::string trigger_sql)
      : path_(std::move(path)), side_(std::move(side)), trigger_sql_(std::move(trigger_sql)) {
    worker_ = std::thread([this] { work(); });
  }
  ~SqliteBulkIndex() override {
    close(/*finish=*/false);
    if (worker_.joinable()) worker_.join();
    side_.reset();
    remove_file(path_);
  }

  void add(std::vector<Document> documents) override {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return closed_ || queue_.size() < 4; });
    if (closed_) return;
    queue_.push_back(std::move(documents));
    cv_.notify_all();
  }

  void done() override { close(); }

  Status install(Executor& ex) override {
    close();
    if (worker_.joinable()) worker_.join();
    TRY_VOID(status_);
    for (const auto& s : kShadows) {
      TRY_VOID(ex.exec(std::string("DELETE FROM ") + s.table));
      TRY_VOID(copy(ex, s));
    }
    TRY_VOID(lift(ex));
    return ex.exec_script(trigger_sql_);
  }

 private:
  void work() {
    bool finish = false;
    for (;;) {
      std::vector<Document> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) {
          finish = finish_;
          break;
        }
        batch = std::move(queue_.front());
        queue_.pop_front();
        cv_.notify_all();
      }
      if (!status_.ok()) continue;  // drain: install() reports the first error
      for (auto& d : batch) {
        const Value values[] = {d.ticket_id, std::move(d.title), std::move(d.body),
                                std::move(d.internal)};
        auto inserted = side_->exec(
            "INSERT INTO ticket_search (rowid, title, body, internal) VALUES ($1, $2, $3, $4)",
            values);
        if (!inserted.ok()) {
          status_ = inserted.error();
          break;
        }
      }
    }
    if (!status_.ok() || !finish) return;
    // Every document is in: the side index's own settings go, then its terms are flushed (the
    // commit) and it is complete.
    status_ = side_->exec_script(
        "DELETE FROM ticket_search_config WHERE k IN ('hashsize', 'automerge'); COMMIT");
  }

  // No more documents: the worker finishes the index, or drops what is queued when the index
  // is abandoned (`finish` false, even after done()).
  void close(bool finish = true) {
    std::lock_guard lock(mu_);
    if (!closed_ || !finish) finish_ = finish;
    if (!finish) queue_.clear();
    closed_ = true;
    cv_.notify_all();
  }

  // Puts the copied segment as high in FTS5's merge tree as an index of its size would be
  // (fts5_structure.h says why).
  static Status lift(Executor& ex) {
    auto structure = TRY(ex.query_one("SELECT block FROM ticket_search_data WHERE id = " +
                                      std::to_string(kStructureRowid)));
    auto pages = TRY(ex.query_one("SELECT COUNT(*) FROM ticket_search_data"));
    if (!structure || !pages) return {};
    const auto lifted = lift_segments(structure->bytes(0), level_for_pages(pages->i64(0)));
    if (!lifted) return {};
    TRY_VOID(ex.exec("UPDATE ticket_search_data SET block = $1 WHERE id = $2",
                     {Blob{*lifted}, kStructureRowid}));
    return {};
  }

  Status copy(Executor& ex, const Shadow& s) {
    std::string insert = std::string("INSERT INTO ") + s.table + " (" + s.columns + ") VALUES (";
    const std::string_view columns(s.columns);
    const auto width =
        static_cast<std::size_t>(std::count(columns.begin(), columns.end(), ',')) + 1;
    for (std::size_t i = 1; i <= width; ++i)
      insert += (i > 1 ? ", $" : "$") + std::to_string(i);
    insert += ')';
    const std::string select = std::string("SELECT ") + s.columns + " FROM " + s.table;
    std::int64_t after = std::numeric_limits<std::int64_t>::min();
    for (;;) {
      const Rows rows = s.key ? TRY(side_->query(select + " WHERE " + s.key + " > $1 ORDER BY " +
                                                     s.key + " LIMIT " + std::to_string(kCopyPage),
                                                 {after}))
                              : TRY(side_->query(select, {}));
      for (const auto& r : rows) {
        std::vector<Value> values;
        for (std::size_t i = 0; i < width; ++i)
          values.push_back(r.value(i));
        TRY_VOID(ex.exec(insert, values));
      }
      if (!s.key || static_cast<std::int64_t>(rows.size()) < kCopyPage) return {};
      after = rows.back().i64(0);
    }
  }

  const std::string path_;
  std::unique_ptr<Connection> side_;
  const std::string trigger_sql_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<Document>> queue_;
  bool closed_ = false;
  bool finish_ = false;  // guarded by mu_ until the worker has seen closed_
  Status status_;        // the worker's; read after it has stopped
  std::thread worker_;
};

Result<std::unique_ptr<SearchBulkIndex>> open_bulk_index(Executor& ex, const std::string& db) {
  auto empty =
      TRY(ex.query_one("SELECT NOT EXISTS (SELECT 1 FROM search_documents) AND NOT EXISTS "
                       "(SELECT 1 FROM search_pending)"));
  if (!empty || empty->i64(0) == 0) return std::unique_ptr<SearchBulkIndex>();
  auto table = TRY(ex.query_one(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ticket_search'"));
  auto trigger = TRY(ex.query_one(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_documents_ai'"));
  if (!table || !trigger) {
    return Error(ErrorCode::internal, "sqlite: the search index or its trigger is missing");
  }
  const std::string path = db + ".search-build";
  remove_file(path);
  auto side = TRY(Connection::open(path, Access::read_write, 0));
  // A scratch file: no journal, no syncs (it is copied, then removed).
  const Status made =
      side->exec_script("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; " + table->text(0) +
                        "; INSERT INTO ticket_search (ticket_search, rank) VALUES "
                        "('hashsize', " +
                        std::to_string(kSideHashBytes) + "), ('automerge', 0); BEGIN");
  if (!made.ok()) {
    side.reset();
    remove_file(path);
    return made.error();
  }
  // The load's documents are indexed here, not by the trigger (install() puts it back).
  TRY_VOID(ex.exec("DROP TRIGGER search_documents_ai"));
  return std::unique_ptr<SearchBulkIndex>(
      std::make_unique<SqliteBulkIndex>(path, std::move(side), trigger->text(0)));
}

}  // namespace

SearchBulkIndexFactory search_bulk_index(std::string database_path) {
  return [path = std::move(database_path)](Executor& ex) { return open_bulk_index(ex, path); };
}

}  // namespace fuwu::store::sqlite
