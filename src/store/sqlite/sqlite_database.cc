#include "store/sqlite/sqlite_database.h"

#include <bit>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "store/sqlite/connection.h"

namespace fuwu::store::sqlite {
namespace {

using detail::Access;
using detail::Connection;

// batch_histogram bucket: 1, 2-3, 4-7, ... 128+.
std::size_t bucket_of(std::size_t batch_size) {
  const auto b = static_cast<std::size_t>(std::bit_width(batch_size)) - 1;
  return std::min<std::size_t>(b, 7);
}

Status configure(Connection& c, const Options& o, Access access) {
  TRY_VOID(c.exec_script("PRAGMA foreign_keys = ON"));
  // The page cache per connection, and the memory-mapped part of the file (reads of mapped pages
  // need no read() system call).
  TRY_VOID(
      c.exec_script("PRAGMA cache_size = -" + std::to_string(std::int64_t{o.cache_mb} * 1024)));
  TRY_VOID(
      c.exec_script("PRAGMA mmap_size = " + std::to_string(std::int64_t{o.mmap_mb} * 1024 * 1024)));
  TRY_VOID(c.exec_script("PRAGMA temp_store = MEMORY"));
  if (access == Access::read_only) return c.exec_script("PRAGMA query_only = ON");

  TRY_VOID(c.exec_script(o.synchronous_full ? "PRAGMA synchronous = FULL"
                                            : "PRAGMA synchronous = NORMAL"));
  // A refused switch (another process has the file open: "database is locked") keeps the WAL.
  if (o.bulk_load && c.query_text("PRAGMA journal_mode = TRUNCATE").value_or("") == "truncate") {
    return {};
  }
  const std::string mode = TRY(c.query_text("PRAGMA journal_mode = WAL"));
  if (mode != "wal") {
    return Error(ErrorCode::internal,
                 "sqlite: cannot switch " + o.path + " to WAL (journal_mode is " + mode + ")");
  }
  // Truncate a WAL that grew during a burst back to 64 MiB after checkpoints.
  TRY_VOID(c.exec_script("PRAGMA journal_size_limit = 67108864"));
  return {};
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const Options& options, std::unique_ptr<Connection> writer,
                 std::vector<std::unique_ptr<Connection>> readers)
      : options_(options), writer_(std::move(writer)), readers_(std::move(readers)) {
    for (auto& r : readers_)
      free_readers_.push_back(r.get());
    writer_thread_ = std::thread([this] { writer_loop(); });
  }

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(queue_mu_);
      stopping_ = true;
    }
    queue_cv_.notify_one();
    writer_thread_.join();
    // Readers close first so that the writer, closing last, checkpoints and removes the WAL
    // (and can switch a bulk load's file back to it: Options::bulk_load).
    readers_.clear();
    if (options_.bulk_load) (void)writer_->query_text("PRAGMA journal_mode = WAL");
    writer_.reset();
  }

  Status read(const Unit& unit) override {
    if (inside_unit()) return refuse_nested("read");
    Connection* c = acquire_reader();
    Status result = read_on(*c, unit);
    release_reader(c);
    return result;
  }

  Status write(const Unit& unit) override {
    if (inside_unit()) return refuse_nested("write");
    Pending pending;
    pending.unit = &unit;
    {
      std::lock_guard lock(queue_mu_);
      if (stopping_) return Error(ErrorCode::unavailable, "the database is closing");
      queue_.push_back(&pending);
    }
    queue_cv_.notify_one();
    // Only this caller wakes when its batch is committed (no thundering herd of all waiters).
    std::unique_lock done_lock(pending.mutex);
    pending.cv.wait(done_lock, [&] { return pending.done; });
    return std::move(pending.result);
  }

  DialectKind dialect() const override { return DialectKind::sqlite; }

  DatabaseStats stats() const override {
    std::lock_guard lock(queue_mu_);
    return stats_;
  }

  Status ping() override {
    return read([](Executor& ex) -> Status {
      TRY_VOID(ex.query("SELECT 1"));
      return {};
    });
  }

 private:
  // One waiting caller. Each has its own condition variable so a commit wakes only the callers
  // of its batch. (Not std::binary_semaphore: libstdc++ 12 can sleep forever in acquire(),
  // GCC PR 104928.)
  struct Pending {
    const Unit* unit = nullptr;
    Status result;  // written by the writer thread before `done`
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;  // guarded by mutex
  };

  Connection* acquire_reader() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !free_readers_.empty(); });
    Connection* c = free_readers_.back();
    free_readers_.pop_back();
    return c;
  }

  void release_reader(Connection* c) {
    {
      std::lock_guard lock(pool_mu_);
      free_readers_.push_back(c);
    }
    pool_cv_.notify_one();
  }

  static Status read_on(Connection& c, const Unit& unit) {
    // BEGIN ... COMMIT pins one WAL snapshot for every statement of the unit.
    TRY_VOID(c.control("BEGIN"));
    Status s = run_unit(unit, c);
    if (!c.in_autocommit()) {
      Status end = c.control(s.ok() ? "COMMIT" : "ROLLBACK");
      if (!end.ok() && s.ok()) s = std::move(end);
      if (!c.in_autocommit()) (void)c.control("ROLLBACK");
    }
    return s;
  }

  void writer_loop() {
    std::vector<Pending*> batch;
    for (;;) {
      {
        std::unique_lock lock(queue_mu_);
        queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        // Stop only once every queued unit has been answered.
        if (queue_.empty()) return;
        const auto n = std::min(queue_.size(), static_cast<std::size_t>(options_.max_batch));
        batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      }
      const std::uint64_t commits = run_batch(batch);
      {
        std::lock_guard lock(queue_mu_);
        stats_.commits += commits;
        stats_.units += batch.size();
        ++stats_.batch_histogram[bucket_of(batch.size())];
      }
      // Notify under the caller's lock: it cannot return and destroy its Pending before the
      // writer lets go of it.
      for (Pending* p : batch) {
        std::lock_guard done_lock(p->mutex);
        p->done = true;
        p->cv.notify_one();
      }
    }
  }

  // The search documents the batch's units changed go into the FTS5 index here, just before the
  // COMMIT and outside every unit's savepoint, in the same transaction: one index segment per
  // batch instead of one per document (0033_search_deferred.sql says why). The 'delete' gives the
  // index the text it holds; the insert takes the documents' text as the batch left it.
  static Status index_changed_documents(Connection& w) {
    if (!w.has_table("search_pending")) return {};  // a database before migration 0033
    if (TRY(w.query("SELECT 1 FROM search_pending LIMIT 1", {})).empty()) return {};
    TRY_VOID(
        w.exec("INSERT INTO ticket_search (ticket_search, rowid, title, body, internal) SELECT "
               "'delete', ticket_id, old_title, old_body, old_internal FROM search_pending WHERE "
               "indexed = 1",
               {}));
    // CROSS JOIN: SQLite keeps search_pending outside (a handful of rows, in ticket order)
    // instead of walking every document.
    TRY_VOID(
        w.exec("INSERT INTO ticket_search (rowid, title, body, internal) SELECT d.ticket_id, "
               "d.title, d.body, d.internal FROM search_pending p CROSS JOIN search_documents d "
               "ON d.ticket_id = p.ticket_id",
               {}));
    TRY_VOID(w.exec("DELETE FROM search_pending", {}));
    return {};
  }

  // Runs every unit of `batch` in one transaction, each inside its own savepoint, and commits
  // once. Sets each unit's result; returns the number of commits made.
  std::uint64_t run_batch(const std::vector<Pending*>& batch) {
    Connection& w = *writer_;
    std::vector<Pending*> todo = batch;
    std::uint64_t commits = 0;
    while (!todo.empty()) {
      if (Status begin = w.control("BEGIN IMMEDIATE"); !begin.ok()) {
        for (Pending* p : todo)
          p->result = begin.error();
        return commits;
      }
      std::vector<Pending*> succeeded;
      std::vector<Pending*> retry;
      // A unit alone in its transaction needs no savepoint: on failure the whole transaction
      // rolls back. This matters for large units: inside a savepoint SQLite copies every page a
      // statement touches to the sub-journal and walks it at each statement's end.
      const bool alone = todo.size() == 1;
      for (std::size_t i = 0; i < todo.size(); ++i) {
        Pending* p = todo[i];
        if (Status sp = alone ? Status{} : w.control("SAVEPOINT fuwu_unit"); !sp.ok()) {
          p->result = std::move(sp);
          continue;
        }
        p->result = run_unit(*p->unit, w);
        if (w.in_autocommit()) {
          // SQLite rolled the whole transaction back (e.g. disk full, or the unit ended it):
          // this unit fails, the ones before it lost their work and run again in a fresh
          // transaction with those after it (units may be re-run, see store/sql.h).
          if (p->result.ok()) {
            p->result = Error(ErrorCode::internal, "a database unit ended its transaction");
          }
          retry = succeeded;
          retry.insert(retry.end(), todo.begin() + static_cast<std::ptrdiff_t>(i) + 1, todo.end());
          succeeded.clear();
          break;
        }
        if (p->result.ok() && w.has_deferred_violations()) {
          // Caught here, a deferred foreign-key violation fails this unit alone instead of the
          // whole batch's COMMIT.
          p->result = detail::foreign_key_error();
        }
        if (alone) {
          if (!p->result.ok()) (void)w.control("ROLLBACK");
        } else if (p->result.ok()) {
          p->result = w.control("RELEASE fuwu_unit");
        } else {
          (void)w.control("ROLLBACK TO fuwu_unit");
          (void)w.control("RELEASE fuwu_unit");
        }
        if (p->result.ok()) succeeded.push_back(p);
      }
      if (!retry.empty() || w.in_autocommit()) {
        todo = std::move(retry);
        continue;
      }
      Status commit = succeeded.empty() ? Status{} : index_changed_documents(w);
      if (commit.ok()) commit = w.control("COMMIT");
      if (!commit.ok()) {
        if (!w.in_autocommit()) (void)w.control("ROLLBACK");
        for (Pending* p : succeeded)
          p->result = commit.error();
      } else {
        ++commits;
      }
      todo.clear();
    }
    return commits;
  }

  const Options options_;
  std::unique_ptr<Connection> writer_;  // used only by writer_thread_ once it runs

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;  // the writer waits for work
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  DatabaseStats stats_;
  std::thread writer_thread_;

  std::vector<std::unique_ptr<Connection>> readers_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<Connection*> free_readers_;
};

}  // namespace

Result<std::unique_ptr<Database>> open(const Options& options) {
  if (options.path.empty() || options.path.starts_with(":memory:") ||
      options.path.starts_with("file:")) {
    return Error(ErrorCode::invalid_request,
                 "sqlite: a database file path is required (got \"" + options.path + "\")");
  }
  if (options.readers < 1 || options.max_batch < 1 || options.busy_timeout_ms < 0 ||
      options.cache_mb < 1 || options.mmap_mb < 0) {
    return Error(ErrorCode::invalid_request,
                 "sqlite: readers, max_batch and cache_mb must be at least 1, busy_timeout_ms and "
                 "mmap_mb not negative");
  }
  auto writer = TRY(Connection::open(options.path, Access::read_write, options.busy_timeout_ms));
  TRY_VOID(configure(*writer, options, Access::read_write));
  // Fail here, not on the first request, when the file is not a database at all.
  TRY_VOID(writer->query_text("SELECT count(*) FROM sqlite_master"));

  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < options.readers; ++i) {
    // Opened read-write but query_only: a read-only open could not create the WAL index
    // (-shm) when a reader happens to be the first to touch it.
    auto r = TRY(Connection::open(options.path, Access::read_write, options.busy_timeout_ms));
    TRY_VOID(configure(*r, options, Access::read_only));
    readers.push_back(std::move(r));
  }
  return std::unique_ptr<Database>(
      std::make_unique<SqliteDatabase>(options, std::move(writer), std::move(readers)));
}

}  // namespace fuwu::store::sqlite
